package be.integrationmonitor.platform;

import be.integrationmonitor.registry.RegistryToken;
import be.integrationmonitor.registry.SchemaRegistryClient;
import be.integrationmonitor.topics.RegistryUrls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;

/**
 * Apicurio Registry 2.4.2 (built by the schema-registry module) in a child JVM, serving its
 * native API and the Confluent-compatible one, with BACKWARD compatibility as the global rule.
 */
public final class SchemaRegistry implements AutoCloseable {

    static final String COMPATIBILITY = "BACKWARD";

    private final ChildJvm jvm;
    private final RegistryUrls urls;

    private SchemaRegistry(ChildJvm jvm, RegistryUrls urls) {
        this.jvm = jvm;
        this.urls = urls;
    }

    /**
     * Secured: anyone may read schemas (the services' serdes, by id and by content), but only the
     * operator, whose tokens are signed with the private half of {@code operatorKeys}, may register,
     * delete or change a compatibility rule; any other identity is refused (401 anonymous, 403 signed
     * with another role).
     */
    public static SchemaRegistry start(Path dataDir, int port, String heap, KeyPair operatorKeys) {
        Ports.requireFree(port, "the schema registry");
        ChildJvm.Builder builder = ChildJvm.builder("schema-registry")
                .heap(heap)
                .systemProperty("quarkus.http.host", Ports.LOOPBACK)
                .systemProperty("quarkus.http.port", port)
                // enforced from the first request on; the PUT below makes it visible through the Confluent API
                .systemProperty("registry.rules.global.compatibility", COMPATIBILITY)
                // schemas survive restarts, a crash too: ids in the topics' records must keep meaning the
                // same schema (H2 otherwise writes a commit up to 500 ms later, lost on SIGKILL)
                .systemProperty("quarkus.datasource.jdbc.url", "jdbc:h2:file:"
                        + dataDir.toAbsolutePath().resolve("db/registry") + ";WRITE_DELAY=0")
                .jar(Artifacts.registryJar())
                .workDir(dataDir)
                .log(dataDir.resolve("schema-registry.log"));
        operatorOnlyChanges(builder, operatorKeys.getPublic());
        ChildJvm jvm = builder.start();
        SchemaRegistry registry = new SchemaRegistry(jvm, new RegistryUrls("http://" + Ports.LOOPBACK + ":" + port));
        try {
            jvm.awaitReady(registry::answers, Duration.ofSeconds(120));
            new SchemaRegistryClient(registry.urls, RegistryToken.operator(operatorKeys.getPrivate()))
                    .setGlobalCompatibility(COMPATIBILITY);
        } catch (RuntimeException e) {
            jvm.close();
            throw e;
        }
        return registry;
    }

    /**
     * Apicurio's authentication (OIDC bearer tokens, verified locally with the operator's public key:
     * no identity server) and role-based authorization, the roles read from the token.
     */
    private static void operatorOnlyChanges(ChildJvm.Builder registry, PublicKey operatorKey) {
        registry.systemProperty("registry.auth.enabled", true)
                .systemProperty("quarkus.oidc.public-key", Base64.getEncoder().encodeToString(operatorKey.getEncoded()))
                .systemProperty("quarkus.oidc.token.issuer", RegistryToken.ISSUER)
                .systemProperty("registry.auth.role-based-authorization", true)
                .systemProperty("registry.auth.role-source", "token")
                .systemProperty("registry.auth.anonymous-read-access.enabled", true);
    }

    public RegistryUrls urls() {
        return urls;
    }

    public ChildJvm jvm() {
        return jvm;
    }

    private boolean answers() {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(urls.confluentApi() + "/subjects"))
                            .timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        jvm.close();
    }
}
