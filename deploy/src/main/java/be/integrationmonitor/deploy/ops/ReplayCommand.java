package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.generations.Generations;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code replay}: blue/green rebuild of every indicator. Starts engine generation n+1 (own
 * application id, state and output topic) reading every input topic from the beginning, shows its
 * progress, switches the sink API to it once it has caught up, then retires generation n and
 * deletes its topics. Ctrl-C before the switch abandons the new generation; the old one serves on.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Rebuilds every indicator from the input topics with a new engine generation, then "
                + "switches the sink API to it (blue/green, no downtime).")
public final class ReplayCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    HistoryOptions history;

    @Option(names = "--sink-url", split = ",", defaultValue = "http://127.0.0.1:8080",
            description = "Sink API instance(s) that must have switched before the old generation is retired "
                    + "(default: ${DEFAULT-VALUE}).")
    List<URI> sinks;

    @Option(names = "--settle", defaultValue = "PT5S", description = "How long the new generation must stay caught up "
            + "before the switch; more than twice the engine's im.emit.interval (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--timeout", defaultValue = "PT6H", description = "Give up after (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--abort", description = "Retire every generation that is not served (a replay left half-way).")
    boolean abort;

    @Override
    public Integer call() throws Exception {
        try (Cluster cluster = new Cluster(kafka.settings())) {
            Generations now = cluster.generations();
            if (abort) {
                retireUnserved(cluster, now);
                return 0;
            }
            if (now.running().size() > 1) {
                System.err.println("a replay is in progress or was left half-way (" + now
                        + "); run `replay --abort` to retire the generations not served first");
                return 2;
            }
            if (!history.allowsRebuild(cluster)) {
                return 2;
            }
            int old = now.serving();
            int next = now.newest() + 1;
            cluster.createOutput(next);
            cluster.write(now.starting(next));
            System.out.printf("generation %d started next to generation %d (served): application %s, output %s%n",
                    next, old, Generations.applicationId(next), Generations.outputTopic(next));
            Thread abandon = new Thread(() -> abandon(next));
            Runtime.getRuntime().addShutdownHook(abandon);
            Instant deadline = Instant.now().plus(timeout);
            try {
                awaitCaughtUp(cluster, next, deadline);
                cluster.write(now.starting(next).serving(next));
            } catch (RuntimeException | InterruptedException e) {
                Runtime.getRuntime().removeShutdownHook(abandon);
                abandon.run();
                throw e;
            }
            Runtime.getRuntime().removeShutdownHook(abandon);
            System.out.printf("switched the sink API to %s%n", Generations.outputTopic(next));
            SinkApis apis = new SinkApis(sinks);
            while (!apis.allServe(Generations.outputTopic(next))) {
                if (Instant.now().isAfter(deadline)) {
                    sinks.forEach(sink -> System.err.println(sink + " serves " + apis.served(sink)));
                    System.err.println("generation " + old + " keeps running until every sink API has switched; "
                            + "then run `replay --abort` to retire it");
                    return 1;
                }
                Thread.sleep(500);
            }
            System.out.printf("every sink API serves %s%n", Generations.outputTopic(next));
            cluster.write(now.starting(next).serving(next).retiring(old));
            cluster.deleteGeneration(old, Duration.ofMinutes(2));
            System.out.printf("generation %d retired: its topics, state and consumer group are deleted%n", old);
            return 0;
        }
    }

    /** Follows the new generation's consumer lag until it has processed everything, and stays so for {@link #settle}. */
    private void awaitCaughtUp(Cluster cluster, int generation, Instant deadline) throws Exception {
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("replay").setInitialMax(cluster.progress(generation).total())
                .setUnit(" events", 1).showSpeed().setStyle(ProgressBarStyle.ASCII).continuousUpdate().build()) {
            cluster.awaitCaughtUp(generation, settle, deadline, progress -> {
                if (!cluster.generations().running().contains(generation)) {
                    throw new IllegalStateException("generation " + generation + " was retired by someone else");
                }
                bar.maxHint(progress.total());
                bar.stepTo(progress.done());
                bar.setExtraMessage(progress.steps() > 0 ? " (" + progress.steps() + " series steps to sum)" : "");
            });
        }
    }

    /** Retires a generation that was never served. */
    private void abandon(int generation) {
        try (Cluster cluster = new Cluster(kafka.settings())) {
            Generations now = cluster.generations();
            if (now.serving() != generation && now.running().contains(generation)) {
                cluster.write(now.retiring(generation));
                cluster.deleteGeneration(generation, Duration.ofMinutes(1));
                System.err.printf("%ngeneration %d retired and deleted; generation %d serves on%n",
                        generation, now.serving());
            }
        } catch (Exception e) {
            System.err.println("could not retire generation " + generation + ": " + e.getMessage()
                    + "; run `replay --abort`");
        }
    }

    private void retireUnserved(Cluster cluster, Generations now) throws Exception {
        for (int generation : now.running()) {
            if (generation != now.serving()) {
                abandon(generation);
            }
        }
        System.out.println("running: " + cluster.generations());
    }
}
