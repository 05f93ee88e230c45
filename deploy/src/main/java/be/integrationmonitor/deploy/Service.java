package be.integrationmonitor.deploy;

import be.integrationmonitor.platform.ChildJvm;
import be.integrationmonitor.platform.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One of the product's Quarkus services, in a child JVM, ready once its readiness check passes.
 * The sink API and the producers serve health, metrics and OpenAPI on a management port of their
 * own; the engine, which serves nothing else, on its one port.
 */
final class Service implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String module;
    private final int port;
    private final int managementPort;
    private final ChildJvm.Builder builder;
    private final ChildJvm jvm;
    private final String url;
    private final String managementUrl;

    private Service(String module, int port, int managementPort, ChildJvm.Builder builder) {
        Ports.requireFree(port, module);
        if (managementPort != port) {
            Ports.requireFree(managementPort, module + " management");
        }
        this.module = module;
        this.port = port;
        this.managementPort = managementPort;
        this.builder = builder;
        this.jvm = builder.start();
        this.url = "http://" + Ports.LOOPBACK + ":" + port;
        this.managementUrl = "http://" + Ports.LOOPBACK + ":" + managementPort;
    }

    /** A service with a management interface: its API on {@code port}, health and metrics on {@code managementPort}. */
    static Service start(String module, int port, int managementPort, String heap, Path logDir,
                         Map<String, Object> config, Map<String, String> environment) {
        ChildJvm.Builder builder = builder(module, port, heap, logDir, config, environment)
                .systemProperty("quarkus.management.host", Ports.LOOPBACK)
                .systemProperty("quarkus.management.port", managementPort);
        return new Service(module, port, managementPort, builder);
    }

    /** A service that serves health and metrics alone, on its one port (the engine). */
    static Service start(String module, int port, String heap, Path logDir, Map<String, Object> config,
                         Map<String, String> environment) {
        return new Service(module, port, port, builder(module, port, heap, logDir, config, environment));
    }

    /**
     * @param config      Quarkus configuration, passed as system properties
     * @param environment passed as environment variables (secrets)
     */
    private static ChildJvm.Builder builder(String module, int port, String heap, Path logDir,
                                            Map<String, Object> config, Map<String, String> environment) {
        ChildJvm.Builder builder = ChildJvm.builder(module)
                .heap(heap)
                .systemProperty("quarkus.http.host", Ports.LOOPBACK)
                .systemProperty("quarkus.http.port", port)
                .jar(Project.serviceJar(module))
                .log(logDir.resolve(module + ".log"));
        config.forEach(builder::systemProperty);
        environment.forEach(builder::environment);
        return builder;
    }

    /**
     * The same service in a new process, on its port, heap, log, configuration and environment, as
     * a supervisor restarts it after a crash ({@link #kill()}); not yet ready.
     */
    Service restarted() {
        return new Service(module, port, managementPort, builder);
    }

    void awaitReady(Duration timeout) {
        jvm.awaitReady(() -> status(managementUrl + "/q/health/ready") == 200, timeout);
    }

    /** Where its API is. */
    String url() {
        return url;
    }

    /** Where its health, metrics and OpenAPI are (the same as {@link #url()} for the engine). */
    String managementUrl() {
        return managementUrl;
    }

    ChildJvm jvm() {
        return jvm;
    }

    private static int status(String address) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(address)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Crashes it (SIGKILL): no clean shutdown, as on a lost machine. */
    void kill() {
        jvm.kill();
    }

    @Override
    public void close() {
        jvm.close();
    }
}
