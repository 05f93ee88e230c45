package be.integrationmonitor.deploy.faults;

import be.integrationmonitor.deploy.faults.PartnerPushes.Attempt;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One fault and how the stack came back from it. Times in seconds: {@code killedAt} from the start
 * of the load, the others from the kill: how long the component stayed down, when it was ready
 * again, when the partners' pushes were accepted again (null if none failed), when a probe event
 * pushed after the restart showed in the API; and the load's events accepted meanwhile.
 */
record Recovery(String fault, double killedAt, double down, double ready, int failedPushes, Double pushesBack,
                double fresh, long eventsAccepted) {

    /** @param attempts every push of the run; those from the kill until fresh are this fault's */
    static Recovery of(String fault, long origin, long killed, long restarting, long ready, long fresh,
                       List<Attempt> attempts, long eventsAccepted) {
        List<Attempt> during = attempts.stream().filter(a -> a.at() >= killed && a.at() <= fresh).toList();
        long lastFailure = during.stream().filter(Attempt::failed).mapToLong(Attempt::at).max().orElse(-1);
        Double back = lastFailure < 0 ? null : during.stream().filter(a -> !a.failed() && a.at() > lastFailure)
                .mapToLong(Attempt::at).min().stream().mapToDouble(at -> seconds(killed, at)).boxed().findFirst()
                .orElse(null);
        return new Recovery(fault, seconds(origin, killed), seconds(killed, restarting), seconds(killed, ready),
                (int) during.stream().filter(Attempt::failed).count(), back, seconds(killed, fresh), eventsAccepted);
    }

    private static double seconds(long from, long to) {
        return (to - from) / (double) TimeUnit.SECONDS.toNanos(1);
    }

    /** The recoveries as a Markdown table, for the run's log and BENCHMARKS.md. */
    static String table(List<Recovery> recoveries) {
        StringBuilder table = new StringBuilder("| # | fault | killed at (s) | down (s) | ready after (s) "
                + "| failed pushes | pushes accepted again after (s) | indicators fresh after (s) "
                + "| load events accepted meanwhile |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < recoveries.size(); i++) {
            Recovery r = recoveries.get(i);
            table.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.1f | %.1f | %d | %s | %.1f | %d |%n", i + 1,
                    r.fault(), r.killedAt(), r.down(), r.ready(), r.failedPushes(),
                    r.pushesBack() == null ? "never refused" : String.format(Locale.ROOT, "%.1f", r.pushesBack()),
                    r.fresh(), r.eventsAccepted()));
        }
        return table.toString();
    }
}
