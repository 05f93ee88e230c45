package be.integrationmonitor.deploy.bench;

import be.integrationmonitor.deploy.LocalStack;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench}: the performance suite (bench/run.sh). Starts its own brokers, registries and
 * services (one stack per scenario or size), runs each scenario with its baseline in the same run,
 * and prints a table with the machine. Not a test: it measures, it asserts nothing.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs the benchmark scenarios (ingest, replay and growth, freshness, serving) and prints a table.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--sizes", split = ",", defaultValue = "500000,1000000,2000000,5000000",
            description = "Replay sizes in events; the largest stack then serves freshness and serving (default: ${DEFAULT-VALUE}).")
    List<Long> sizes;

    @Option(names = "--blue-green-at", defaultValue = "1000000",
            description = "Also run the operators' blue/green replay at this size (0: never; default: ${DEFAULT-VALUE}).")
    long blueGreenAt;

    @Option(names = "--ingest-events", defaultValue = "200000", description = "Events pushed in NDJSON batches (default: ${DEFAULT-VALUE}).")
    int ingestEvents;

    @Option(names = "--single-events", defaultValue = "20000", description = "Events pushed one by one (default: ${DEFAULT-VALUE}).")
    int singleEvents;

    @Option(names = "--probes", defaultValue = "1000", description = "Freshness probes (default: ${DEFAULT-VALUE}).")
    int probes;

    @Override
    public Integer call() throws Exception {
        if (!Serving.wrkInstalled()) { // found out after the replays otherwise, an hour later
            System.err.println("[bench] wrk is not installed: apt-get install wrk, or run bench/run.sh, which does");
            return 2;
        }
        Report report = new Report();
        System.out.println("[bench] machine: " + Report.machine());
        double kafka = Ingest.run(report, ingestEvents, singleEvents).rate();
        LocalStack last = null;
        try {
            for (long size : sizes.stream().filter(s -> s > 0).sorted().toList()) {
                if (last != null) {
                    last.close();
                }
                last = Replay.run(report, size, kafka, size == blueGreenAt);
            }
            if (last != null) {
                Freshness.run(report, last, probes, 1_000);
                Serving.run(report, last);
            }
        } finally {
            if (last != null) {
                last.close();
            }
        }
        report.print("bench/run.sh --sizes " + sizes.stream().map(String::valueOf).reduce((a, b) -> a + "," + b)
                .orElse("") + " --blue-green-at " + blueGreenAt + " --probes " + probes);
        return 0;
    }
}
