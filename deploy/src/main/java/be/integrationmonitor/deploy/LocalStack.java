package be.integrationmonitor.deploy;

import be.integrationmonitor.platform.ChildJvm;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.platform.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The whole product on one machine: broker, registry, streams, sink API and producers, each in
 * its own JVM with an explicit heap, bound to 127.0.0.1, with all data under one directory.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    /** The services' modules, each one JVM: the engine, the sink API and the push API. */
    public static final String STREAMS = "streams";
    public static final String SINK_API = "sink-api";
    public static final String PRODUCERS = "producers";

    private final LocalPlatform platform;
    /** By module; a restarted service replaces its killed process. */
    private final Map<String, Service> services = new ConcurrentHashMap<>();

    private LocalStack(LocalPlatform platform, Service streams, Service sinkApi, Service producers) {
        this.platform = platform;
        services.put(STREAMS, streams);
        services.put(SINK_API, sinkApi);
        services.put(PRODUCERS, producers);
    }

    /**
     * Ports and the data directory.
     *
     * @param apiManagementPort  the sink API's health, metrics and OpenAPI
     * @param pushManagementPort the producers' health, metrics and OpenAPI
     */
    public record Options(Path dataDir, int apiPort, int apiManagementPort, int pushPort, int pushManagementPort,
                          int streamsPort, int kafkaPort, int controllerPort, int registryPort) {

        public static Options ephemeral(Path dataDir) {
            return new Options(dataDir, Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(),
                    Ports.free(), Ports.free(), Ports.free());
        }

        /** Every port the stack listens on. */
        public List<Integer> ports() {
            return List.of(apiPort, apiManagementPort, pushPort, pushManagementPort, streamsPort, kafkaPort,
                    controllerPort, registryPort);
        }

        /** The broker and registry of the stack, for starting them alone. */
        public LocalPlatform.Settings platform() {
            return new LocalPlatform.Settings(dataDir.toAbsolutePath(), kafkaPort, controllerPort, registryPort,
                    "512m", "384m", 3);
        }
    }

    public static LocalStack start(Options options, Consumer<String> progress) {
        progress.accept("starting Kafka (KRaft) on 127.0.0.1:" + options.kafkaPort()
                + " and the schema registry on 127.0.0.1:" + options.registryPort());
        return start(options, LocalPlatform.start(options.platform()), progress);
    }

    /** The services on a broker and registry already running (started with {@code options.platform()}); closes them too. */
    public static LocalStack start(Options options, LocalPlatform platform, Consumer<String> progress) {
        Path data = options.dataDir().toAbsolutePath();
        List<Service> started = new ArrayList<>();
        try {
            Map<String, Object> common = Map.of(
                    "kafka.bootstrap.servers", platform.bootstrapServers(),
                    "registry.url", platform.registry().root());
            Path logs = data.resolve("logs");
            progress.accept("starting streams, sink-api and producers");
            Service streams = Service.start(STREAMS, options.streamsPort(), "384m", logs,
                    with(common, "im.state.dir", data.resolve("streams-state")), Map.of());
            started.add(streams);
            Service sinkApi = Service.start(SINK_API, options.apiPort(), options.apiManagementPort(), "256m", logs,
                    with(common, "quarkus.profile", "local"), Map.of());
            started.add(sinkApi);
            Service producers = Service.start(PRODUCERS, options.pushPort(), options.pushManagementPort(), "256m", logs,
                    with(with(common, "quarkus.profile", "local"), "im.inbox.dir", data.resolve("inbox")),
                    Map.of("IM_PSEUDONYMISATION_KEY", pseudonymisationKey(data)));
            started.add(producers);
            CompletableFuture.allOf(started.stream()
                    .map(s -> CompletableFuture.runAsync(() -> s.awaitReady(READY_TIMEOUT)))
                    .toArray(CompletableFuture[]::new)).join();
            return new LocalStack(platform, streams, sinkApi, producers);
        } catch (RuntimeException e) {
            started.forEach(Service::close);
            platform.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    public String apiUrl() {
        return services.get(SINK_API).url();
    }

    public String pushUrl() {
        return services.get(PRODUCERS).url();
    }

    /** The sink API's health (readiness: the topic it serves), metrics and OpenAPI. */
    public String apiManagementUrl() {
        return services.get(SINK_API).managementUrl();
    }

    /** The producers' health (readiness: the input version they write), metrics and OpenAPI. */
    public String pushManagementUrl() {
        return services.get(PRODUCERS).managementUrl();
    }

    /** SIGKILLs one service ({@link #STREAMS}, {@link #SINK_API} or {@link #PRODUCERS}), as a lost machine would. */
    public void kill(String module) {
        services.get(module).kill();
    }

    /** Starts a killed service again on its port, data and configuration; returns once it is ready. */
    public void restart(String module) {
        Service restarted = services.get(module).restarted();
        services.put(module, restarted);
        restarted.awaitReady(READY_TIMEOUT);
    }

    public LocalPlatform platform() {
        return platform;
    }

    /** Every JVM of the stack, for checks that none outlives it. */
    public List<ChildJvm> jvms() {
        List<ChildJvm> jvms = new ArrayList<>(services.values().stream().map(Service::jvm).toList());
        jvms.add(platform.broker().jvm());
        jvms.add(platform.schemaRegistry().jvm());
        return jvms;
    }

    @Override
    public void close() {
        CompletableFuture.allOf(services.values().stream()
                .map(s -> CompletableFuture.runAsync(s::close))
                .toArray(CompletableFuture[]::new)).join();
        platform.close();
    }

    private static Map<String, Object> with(Map<String, Object> config, String key, Object value) {
        Map<String, Object> all = new HashMap<>(config);
        all.put(key, value);
        return all;
    }

    /** The local run's own random key, made on first start and kept with the data (owner-only). */
    private static String pseudonymisationKey(Path data) {
        Path file = data.resolve("secrets/pseudonymisation.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.writeString(file, Base64.getEncoder().encodeToString(key));
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
