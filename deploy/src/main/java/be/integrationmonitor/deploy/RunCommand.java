package be.integrationmonitor.deploy;

import be.integrationmonitor.deploy.feed.FeedPusher;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: the whole stack in the foreground until Ctrl-C. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Starts Kafka, the schema registry, streams, sink API and producers; Ctrl-C stops them all.")
public final class RunCommand implements Runnable {

    /** The local run's data directory, by default; its operator commands find the registry key there. */
    public static final String DATA_DIR = "local-data";
    private static final int INITIAL_PERSONS = 2_000;
    /** The local profile's analyst (sink-api application.properties). */
    public static final String ANALYST_TOKEN = "dev-analyst";
    private static final int PERSONS_PER_TICK = 5;
    private static final long FEED_SEED = 1;
    /** Temporary protection for people from Ukraine started in March 2022. */
    private static final LocalDate FEED_FROM = LocalDate.of(2022, 3, 1);

    @Option(names = "--data-dir", defaultValue = DATA_DIR, description = "Where all data and logs go (default: ${DEFAULT-VALUE}).")
    Path dataDir;
    @Option(names = "--api-port", defaultValue = "8080", description = "Sink API and dashboard (default: ${DEFAULT-VALUE}).")
    int apiPort;
    @Option(names = "--api-management-port", defaultValue = "9000",
            description = "Sink API health, metrics and Swagger UI (default: ${DEFAULT-VALUE}).")
    int apiManagementPort;
    @Option(names = "--push-port", defaultValue = "8082", description = "Partner push API (default: ${DEFAULT-VALUE}).")
    int pushPort;
    @Option(names = "--push-management-port", defaultValue = "9002",
            description = "Partner push API health, metrics and Swagger UI (default: ${DEFAULT-VALUE}).")
    int pushManagementPort;
    @Option(names = "--streams-port", defaultValue = "8083", description = "Streams health and metrics (default: ${DEFAULT-VALUE}).")
    int streamsPort;
    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka broker (default: ${DEFAULT-VALUE}).")
    int kafkaPort;
    @Option(names = "--controller-port", defaultValue = "9093", description = "Kafka KRaft controller (default: ${DEFAULT-VALUE}).")
    int controllerPort;
    @Option(names = "--registry-port", defaultValue = "8081", description = "Schema registry (default: ${DEFAULT-VALUE}).")
    int registryPort;
    @Option(names = "--synthetic-feed", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Push a synthetic partner feed (default: on; --no-synthetic-feed to load your own data).")
    boolean syntheticFeed;

    @Override
    public void run() {
        long started = System.nanoTime();
        LocalStack stack = LocalStack.start(new LocalStack.Options(dataDir, apiPort, apiManagementPort, pushPort,
                pushManagementPort, streamsPort, kafkaPort, controllerPort, registryPort),
                message -> System.out.println("[run] " + message));
        CountDownLatch stopped = new CountDownLatch(1);
        ScheduledExecutorService feed = Executors.newSingleThreadScheduledExecutor();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("[run] stopping everything");
            feed.shutdownNow();
            stack.close();
            System.out.println("[run] stopped");
            stopped.countDown();
        }, "stop-stack"));
        System.out.printf("[run] up in %.0f s; data and logs in %s%n", (System.nanoTime() - started) / 1e9,
                dataDir.toAbsolutePath());
        System.out.println("[run] indicators API : " + stack.apiUrl()
                + "/v1/indicators/protected_persons?geo=21004&granularity=month");
        System.out.println("[run] dashboard      : " + stack.apiUrl() + "/");
        System.out.println("[run] Swagger UI     : " + stack.apiManagementUrl() + "/q/swagger-ui (health: "
                + stack.apiManagementUrl() + "/q/health)");
        System.out.println("[run] exact values   : add -H 'Authorization: Bearer " + ANALYST_TOKEN
                + "' (development analyst token)");
        System.out.println("[run] partner push   : " + stack.pushUrl() + "/v1/events (Swagger UI: "
                + stack.pushManagementUrl() + "/q/swagger-ui)");
        if (syntheticFeed) {
            startFeed(stack, feed);
        }
        System.out.println("[run] Ctrl-C stops everything");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void startFeed(LocalStack stack, ScheduledExecutorService feed) {
        SyntheticFeed persons = new SyntheticFeed(FEED_SEED, FEED_FROM, LocalDate.now());
        FeedPusher pusher = new FeedPusher(stack.pushUrl(), 4);
        pusher.push(persons.persons(0, INITIAL_PERSONS), n -> { });
        System.out.println("[run] synthetic feed: " + INITIAL_PERSONS + " persons pushed by their partners; "
                + PERSONS_PER_TICK + " more every 10 s (--no-synthetic-feed to switch off)");
        AtomicInteger next = new AtomicInteger(INITIAL_PERSONS);
        feed.scheduleWithFixedDelay(() -> {
            try {
                int from = next.getAndAdd(PERSONS_PER_TICK);
                pusher.push(persons.persons(from, from + PERSONS_PER_TICK), n -> { });
            } catch (RuntimeException e) {
                System.out.println("[run] synthetic feed: " + e.getMessage());
            }
        }, 10, 10, TimeUnit.SECONDS);
    }
}
