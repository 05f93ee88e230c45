package be.integrationmonitor.platform;

import be.integrationmonitor.registry.OperatorKeyFile;
import be.integrationmonitor.registry.RegistryToken;
import be.integrationmonitor.registry.SchemaRegistryClient;
import be.integrationmonitor.topics.HistoryRetention;
import be.integrationmonitor.topics.RegistryUrls;
import be.integrationmonitor.topics.TopicProvisioner;
import be.integrationmonitor.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A KRaft broker and the schema registry, started side by side, with the product's topics created
 * and, as the operator, its schemas registered: the registry runs secured (only the operator
 * changes it; the services only read), with the operator's key kept in the data directory. Either
 * can be killed and started again on the same port and data, as a crash and a restart would.
 */
public final class LocalPlatform implements AutoCloseable {

    /** Under the data directory: the registry operator's private key, owner-only (see {@link OperatorKeyFile}). */
    public static final String OPERATOR_KEY = "secrets/registry-operator.key";

    private static LocalPlatform shared;

    private final Settings settings;
    private volatile KafkaBroker broker;
    private volatile SchemaRegistry registry;

    private LocalPlatform(Settings settings, KafkaBroker broker, SchemaRegistry registry) {
        this.settings = settings;
        this.broker = broker;
        this.registry = registry;
    }

    /** Where and how to run; {@link #ephemeral()} for tests. */
    public record Settings(Path dataDir, int kafkaPort, int controllerPort, int registryPort,
                           String brokerHeap, String registryHeap, int partitions) {

        public static Settings ephemeral() {
            try {
                return new Settings(Files.createTempDirectory("im-platform-"), Ports.free(), Ports.free(),
                        Ports.free(), "512m", "384m", 3);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The platform, every schema of this build registered: ready for the services. */
    public static LocalPlatform start(Settings settings) {
        LocalPlatform platform = startWithoutSchemas(settings);
        try {
            platform.operator().registerAll(Topics.valueSchemas());
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
        return platform;
    }

    /**
     * The platform with a registry holding only what was registered before (nothing, the first
     * time): for a test of the operator's own schema commands.
     */
    public static LocalPlatform startWithoutSchemas(Settings settings) {
        CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(() -> newBroker(settings));
        CompletableFuture<SchemaRegistry> registry = CompletableFuture.supplyAsync(() -> newRegistry(settings));
        try {
            LocalPlatform platform = new LocalPlatform(settings, broker.join(), registry.join());
            platform.createTopics(settings.partitions());
            return platform;
        } catch (CompletionException | IllegalStateException e) {
            broker.thenAccept(KafkaBroker::close);
            registry.thenAccept(SchemaRegistry::close);
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static KafkaBroker newBroker(Settings settings) {
        return KafkaBroker.start(settings.dataDir().resolve("kafka"), settings.kafkaPort(), settings.controllerPort(),
                settings.brokerHeap());
    }

    private static SchemaRegistry newRegistry(Settings settings) {
        return SchemaRegistry.start(settings.dataDir().resolve("schema-registry"), settings.registryPort(),
                settings.registryHeap(), OperatorKeyFile.readOrCreate(operatorKeyFile(settings.dataDir())));
    }

    /** Where a data directory keeps the registry operator's key: the local run's operator commands read it there. */
    public static Path operatorKeyFile(Path dataDir) {
        return dataDir.resolve(OPERATOR_KEY);
    }

    /** The registry as its operator: registers schemas and changes compatibility rules. */
    public SchemaRegistryClient operator() {
        return new SchemaRegistryClient(registry(),
                RegistryToken.operator(OperatorKeyFile.read(operatorKeyFile(settings.dataDir()))));
    }

    /** SIGKILLs the broker: no clean shutdown, its log recovers at the next start. */
    public void killBroker() {
        broker.jvm().kill();
    }

    /** Starts the broker again on its port and data, after {@link #killBroker()}. */
    public void restartBroker() {
        broker = newBroker(settings);
    }

    /** SIGKILLs the schema registry (its database is on disk and survives). */
    public void killRegistry() {
        registry.jvm().kill();
    }

    /** Starts the registry again on its port and data, after {@link #killRegistry()}. */
    public void restartRegistry() {
        registry = newRegistry(settings);
    }

    public Settings settings() {
        return settings;
    }

    /** One platform for all the tests of a JVM, stopped when the JVM ends. */
    public static synchronized LocalPlatform shared() {
        if (shared == null) {
            shared = start(Settings.ephemeral());
        }
        return shared;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public RegistryUrls registry() {
        return new RegistryUrls("http://" + Ports.LOOPBACK + ":" + settings.registryPort());
    }

    public KafkaBroker broker() {
        return broker;
    }

    public SchemaRegistry schemaRegistry() {
        return registry;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Also makes the history topics of a data directory from before they were kept forever keep everything. */
    private void createTopics(int partitions) {
        try (Admin admin = admin()) {
            TopicProvisioner.createMissing(admin, partitions, (short) 1);
            List<String> changed = HistoryRetention.keepAll(admin, Topics.history());
            if (!changed.isEmpty()) {
                System.err.println("[platform] now kept forever (retention.ms=-1): " + changed);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the topics", e);
        }
    }

    @Override
    public void close() {
        CompletableFuture.allOf(
                CompletableFuture.runAsync(broker::close),
                CompletableFuture.runAsync(registry::close)).join();
    }
}
