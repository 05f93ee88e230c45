package be.integrationmonitor.platform;

import be.integrationmonitor.platform.security.Scram;
import be.integrationmonitor.platform.security.ServiceAcls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), run from
 * Kafka's own jars in a child JVM. Its data stays in {@code dataDir} across restarts.
 *
 * <p>{@link #start} gives a plaintext broker without authentication (tests, the local run);
 * {@link #startSecured} one whose client listener takes SASL/SCRAM-SHA-512 only and which refuses
 * everything no ACL allows (as in production, see docs/security.md).
 */
public final class KafkaBroker implements AutoCloseable {

    private final ChildJvm jvm;
    private final int port;
    /** The super user's password; null for a plaintext broker. */
    private final String adminPassword;

    private KafkaBroker(ChildJvm jvm, int port, String adminPassword) {
        this.jvm = jvm;
        this.port = port;
        this.adminPassword = adminPassword;
    }

    public static KafkaBroker start(Path dataDir, int port, int controllerPort, String heap) {
        return start(dataDir, port, controllerPort, heap, null);
    }

    /**
     * A broker whose client listener is SASL_PLAINTEXT with SCRAM-SHA-512, authorizing with Kafka's
     * {@code StandardAuthorizer} (ACLs in the KRaft metadata), no access without an ACL, and one super
     * user, {@link ServiceAcls#ADMIN}, whose credential is written into the metadata log when the
     * storage is formatted. The controller listener stays plaintext on the loopback address.
     */
    public static KafkaBroker startSecured(Path dataDir, int port, int controllerPort, String heap,
                                           String adminPassword) {
        if (adminPassword == null || !adminPassword.matches("[A-Za-z0-9._~-]{12,}")) {
            throw new IllegalArgumentException("the admin password must be at least 12 characters of [A-Za-z0-9._~-]");
        }
        return start(dataDir, port, controllerPort, heap, adminPassword);
    }

    private static KafkaBroker start(Path dataDir, int port, int controllerPort, String heap, String adminPassword) {
        Ports.requireFree(port, "the Kafka broker");
        Ports.requireFree(controllerPort, "the Kafka controller");
        Path config = writeConfig(dataDir, port, controllerPort, adminPassword);
        Path logDir = dataDir.resolve("kafka-logs");
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            List<String> format = new ArrayList<>(List.of(
                    "format", "--ignore-formatted", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
            if (adminPassword != null) {
                format.addAll(List.of("--add-scram",
                        Scram.MECHANISM + "=[name=" + ServiceAcls.ADMIN + ",password=" + adminPassword + "]"));
            }
            ChildJvm.builder("kafka-storage-format")
                    .heap("128m")
                    .classpath(Artifacts.brokerClasspath(), "kafka.tools.StorageTool")
                    .args(format.toArray(String[]::new))
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
        KafkaBroker broker = new KafkaBroker(jvm, port, adminPassword);
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

    public boolean secured() {
        return adminPassword != null;
    }

    /** Settings of a client with every right: just the servers, or the super user's SCRAM login if secured. */
    public Map<String, Object> adminSettings() {
        return secured()
                ? Scram.clientSettings(bootstrapServers(), "SASL_PLAINTEXT", ServiceAcls.ADMIN, adminPassword)
                : Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    private boolean answers() {
        if (!Ports.isOpen(port)) {
            return false;
        }
        Map<String, Object> settings = new HashMap<>(adminSettings());
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(settings)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static Path writeConfig(Path dataDir, int port, int controllerPort, String adminPassword) {
        String client = adminPassword == null ? "PLAINTEXT" : "SASL_PLAINTEXT";
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=" + client + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=" + client + "://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=" + client,
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT," + client + ":" + client,
                security(adminPassword),
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
            if (adminPassword != null) {
                // holds the super user's password: owner only, before it is written
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, properties);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SCRAM-SHA-512 on the client listener, which brokers also use between themselves as the super
     * user; ACLs in the metadata (StandardAuthorizer), nothing allowed without one. The controller
     * listener is plaintext, so its principal (ANONYMOUS) must be a super user for the node to talk
     * to its own controller; it is bound to the loopback address only.
     */
    private static String security(String adminPassword) {
        if (adminPassword == null) {
            return "# no authentication, no authorization";
        }
        String listener = "listener.name.sasl_plaintext." + Scram.MECHANISM.toLowerCase(Locale.ROOT) + ".";
        return String.join("\n",
                "sasl.enabled.mechanisms=" + Scram.MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + Scram.MECHANISM,
                listener + "sasl.jaas.config=" + Scram.jaasConfig(ServiceAcls.ADMIN, adminPassword),
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                "allow.everyone.if.no.acl.found=false",
                "super.users=" + ServiceAcls.principal(ServiceAcls.ADMIN) + ";User:ANONYMOUS");
    }

    @Override
    public void close() {
        jvm.close();
    }
}
