package be.integrationmonitor.deploy.bench;

import be.integrationmonitor.deploy.Cli;
import be.integrationmonitor.deploy.LocalStack;
import be.integrationmonitor.deploy.SyntheticFeed;
import be.integrationmonitor.deploy.ops.Cluster;
import be.integrationmonitor.deploy.ops.SinkApis;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.topics.Topics;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Replay: N synthetic events written to the input topics of a fresh broker; over them first the
 * simplest Kafka Streams application of the engine's shape ({@link StreamsFloor}), then the engine,
 * the sink API and the producers started on that broker, timed from their start until the
 * indicators are complete in the sink API (the engine has processed and committed every event,
 * stayed so for longer than an emit interval, and the sink API serves). On a fresh stack per size,
 * so the figures show how the cost grows with the data. Optionally also the operators' blue/green
 * {@code replay} over the same events.
 */
final class Replay {

    private static final Duration SETTLE = Duration.ofSeconds(5);

    private Replay() {
    }

    /** @return the stack of this size, still running, for the scenarios that need data */
    static LocalStack run(Report report, long events, double kafkaRate, boolean blueGreen) throws Exception {
        LocalStack.Options options = LocalStack.Options.ephemeral(Files.createTempDirectory("im-bench-replay-"));
        String size = String.format("%,d events", events);
        LocalPlatform platform = LocalPlatform.start(options.platform());
        try {
            Topics topics = new Topics(platform.registry());
            long writing = System.nanoTime();
            AvroEvents.write(platform.bootstrapServers(), topics,
                    new SyntheticFeed(1, LocalDate.of(2022, 1, 1), LocalDate.of(2024, 12, 31)), 0, events);
            System.out.printf("[bench] wrote %,d events in %.1f s%n", events, seconds(writing));
            double floor = StreamsFloor.run(platform.bootstrapServers(), topics,
                    Files.createTempDirectory(options.dataDir(), "streams-floor-"));
            report.add("replay", size + ": the simplest Kafka Streams application of the engine's shape "
                            + "(a store per person, one repartitioned record, a store per municipality; exactly-once)",
                    String.format("%.0f s, %,.0f events/s", floor, events / floor),
                    String.format("%,.0f records/s", kafkaRate), String.format("%.3f", events / floor / kafkaRate));
        } catch (Exception | Error e) {
            platform.close();
            throw e;
        }
        // the services start on the broker that took the events, as warm as one in production
        long started = System.nanoTime();
        LocalStack stack = LocalStack.start(options, platform, m -> System.out.println("[bench] " + m));
        try {
            awaitComplete(stack, 1);
            double seconds = seconds(started);
            report.add("replay", size + ": from start to complete in the sink API",
                    String.format("%.0f s, %,.0f events/s", seconds, events / seconds),
                    String.format("%,.0f records/s", kafkaRate), String.format("%.3f", events / seconds / kafkaRate));
            long state = Processes.bytes(options.dataDir().resolve("streams-state"));
            report.add("replay", size + ": engine state on disk", String.format("%,d MB (%,.0f MB per million events)",
                    state >> 20, state / 1e6 / (events / 1e6)));
            if (blueGreen) {
                long replayStarted = System.nanoTime();
                int exit = new CommandLine(new Cli()).execute("replay", "--bootstrap-servers",
                        stack.platform().bootstrapServers(), "--sink-management-url", stack.apiManagementUrl());
                if (exit != 0) {
                    throw new IllegalStateException("replay exited with " + exit);
                }
                double replaySeconds = seconds(replayStarted);
                report.add("replay", size + ": blue/green `replay` command, until switched and old retired",
                        String.format("%.0f s, %,.0f events/s", replaySeconds, events / replaySeconds),
                        String.format("%,.0f records/s", kafkaRate),
                        String.format("%.3f", events / replaySeconds / kafkaRate));
            }
            report.add("replay", size + ": peak RSS per JVM", Processes.peakRss(stack.jvms()));
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    /** The generation has processed every input record, and stayed so past an emission; the sink serves it. */
    static void awaitComplete(LocalStack stack, int generation) throws Exception {
        try (Cluster cluster = new Cluster(Map.of("bootstrap.servers", stack.platform().bootstrapServers()))) {
            cluster.awaitCaughtUp(generation, SETTLE, Instant.now().plus(Duration.ofHours(6)), progress -> { });
        }
        while (!new SinkApis(List.of(URI.create(stack.apiManagementUrl()))).allServe(Generations.outputTopic(generation))) {
            Thread.sleep(200);
        }
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
