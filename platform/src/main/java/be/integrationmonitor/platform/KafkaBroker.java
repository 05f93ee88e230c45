package be.integrationmonitor.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), run from
 * Kafka's own jars in a child JVM. Its data stays in {@code dataDir} across restarts.
 */
public final class KafkaBroker implements AutoCloseable {

    private final ChildJvm jvm;
    private final int port;

    private KafkaBroker(ChildJvm jvm, int port) {
        this.jvm = jvm;
        this.port = port;
    }

    public static KafkaBroker start(Path dataDir, int port, int controllerPort, String heap) {
        Ports.requireFree(port, "the Kafka broker");
        Ports.requireFree(controllerPort, "the Kafka controller");
        Path config = writeConfig(dataDir, port, controllerPort);
        Path logDir = dataDir.resolve("kafka-logs");
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            ChildJvm.builder("kafka-storage-format")
                    .heap("128m")
                    .classpath(Artifacts.brokerClasspath(), "kafka.tools.StorageTool")
                    .args("format", "--ignore-formatted", "-t", Uuid.randomUuid().toString(), "-c", config.toString())
                    .log(dataDir.resolve("kafka-format.log"))
                    .start()
                    .awaitSuccess(Duration.ofSeconds(60));
        }
        ChildJvm jvm = ChildJvm.builder("kafka-broker")
                .heap(heap)
                .systemProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn")
                .systemProperty("org.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer", "info")
                .classpath(Artifacts.brokerClasspath(), "kafka.Kafka")
                .args(config.toString())
                .log(dataDir.resolve("kafka.log"))
                .start();
        KafkaBroker broker = new KafkaBroker(jvm, port);
        try {
            jvm.awaitReady(broker::answers, Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            jvm.close();
            throw e;
        }
        return broker;
    }

    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    public ChildJvm jvm() {
        return jvm;
    }

    private boolean answers() {
        if (!Ports.isOpen(port)) {
            return false;
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static Path writeConfig(Path dataDir, int port, int controllerPort) {
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dataDir.resolve("kafka-logs").toAbsolutePath(),
                "num.partitions=3",
                "auto.create.topics.enable=false",
                // one node: every internal topic has a single replica
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.cleaner.dedupe.buffer.size=16777216",
                "");
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("server.properties");
            Files.writeString(file, properties);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        jvm.close();
    }
}
