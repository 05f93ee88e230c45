package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.generations.Generations;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Option;

/**
 * The blue/green steps a replay and a purge share: start engine generation n+1 next to the served
 * generation n, follow its progress until it has caught up, switch the sink API to it, then retire
 * generation n and delete its topics. Ctrl-C or a failure before the switch abandons n+1; the old
 * one has served all along.
 */
public final class BlueGreen {

    @Option(names = "--sink-management-url", split = ",", defaultValue = "http://127.0.0.1:9000",
            description = "Management interface (health) of every sink API instance, which must have switched "
                    + "before the old generation is retired (default: ${DEFAULT-VALUE}).")
    List<URI> sinks;

    @Option(names = "--settle", defaultValue = "PT5S", description = "How long the new generation must stay caught up "
            + "before the switch; more than twice the engine's im.emit.interval (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--timeout", defaultValue = "PT6H", description = "Give up after (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** What a command does once the new generation has caught up and before the switch. */
    @FunctionalInterface
    interface BeforeSwitch {
        void run(int generation) throws Exception;
    }

    /** When the command gives up. */
    Instant deadline(Instant start) {
        return start.plus(timeout);
    }

    /**
     * Starts generation n+1 on an input version next to the served one, waits until it has caught
     * up, runs {@code beforeSwitch}, switches the sink API to it and retires the old generation.
     *
     * @return the exit code: 0, or 1 if a sink API did not switch (the old generation then runs on)
     */
    int rebuild(Cluster cluster, Map<String, Object> settings, int inputVersion, Instant deadline,
                BeforeSwitch beforeSwitch) throws Exception {
        Generations now = cluster.generations();
        int old = now.serving();
        int next = now.newest() + 1;
        cluster.createOutput(next);
        cluster.write(now.starting(next, inputVersion));
        System.out.printf("generation %d started next to generation %d (served): application %s, output %s, "
                + "input version %d%n", next, old, Generations.applicationId(next), Generations.outputTopic(next), inputVersion);
        Thread abandon = new Thread(() -> abandon(settings, next));
        Runtime.getRuntime().addShutdownHook(abandon);
        try {
            awaitCaughtUp(cluster, next, deadline);
            beforeSwitch.run(next);
            cluster.write(cluster.generations().serving(next));
        } catch (Exception e) {
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
        cluster.write(cluster.generations().retiring(old));
        cluster.deleteGeneration(old, Duration.ofMinutes(2));
        System.out.printf("generation %d retired: its topics, state and consumer group are deleted%n", old);
        return 0;
    }

    /**
     * Follows a generation's consumer lag until it keeps up with its input (processes what arrives
     * as it arrives, producers may be writing), and stays so for {@link #settle}.
     */
    void awaitCaughtUp(Cluster cluster, int generation, Instant deadline) throws Exception {
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("generation " + generation)
                .setInitialMax(cluster.progress(generation).total()).setUnit(" events", 1).showSpeed()
                .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build()) {
            cluster.awaitKeepingUp(generation, settle, deadline, progress -> {
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
    static void abandon(Map<String, Object> settings, int generation) {
        try (Cluster cluster = new Cluster(settings)) {
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
}
