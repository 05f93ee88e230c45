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

/** One of the product's Quarkus services, in a child JVM, ready once its readiness check passes. */
final class Service implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String module;
    private final int port;
    private final ChildJvm.Builder builder;
    private final ChildJvm jvm;
    private final String url;

    private Service(String module, int port, ChildJvm.Builder builder) {
        Ports.requireFree(port, module);
        this.module = module;
        this.port = port;
        this.builder = builder;
        this.jvm = builder.start();
        this.url = "http://" + Ports.LOOPBACK + ":" + port;
    }

    /**
     * @param config      Quarkus configuration, passed as system properties
     * @param environment passed as environment variables (secrets)
     */
    static Service start(String module, int port, String heap, Path logDir, Map<String, Object> config,
                         Map<String, String> environment) {
        ChildJvm.Builder builder = ChildJvm.builder(module)
                .heap(heap)
                .systemProperty("quarkus.http.host", Ports.LOOPBACK)
                .systemProperty("quarkus.http.port", port)
                .jar(Project.serviceJar(module))
                .log(logDir.resolve(module + ".log"));
        config.forEach(builder::systemProperty);
        environment.forEach(builder::environment);
        return new Service(module, port, builder);
    }

    /**
     * The same service in a new process, on its port, heap, log, configuration and environment, as
     * a supervisor restarts it after a crash ({@link #kill()}); not yet ready.
     */
    Service restarted() {
        return new Service(module, port, builder);
    }

    void awaitReady(Duration timeout) {
        jvm.awaitReady(() -> status(url + "/q/health/ready") == 200, timeout);
    }

    String url() {
        return url;
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
