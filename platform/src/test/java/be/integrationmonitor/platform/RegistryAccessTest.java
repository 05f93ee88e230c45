package be.integrationmonitor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.integrationmonitor.registry.RegistryToken;
import be.integrationmonitor.registry.SchemaRegistryClient;
import be.integrationmonitor.topics.Topics;
import be.integrationmonitor.topics.RegistryUrls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Optional;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The secured registry, over its real HTTP APIs: anonymous clients and identities without the
 * operator's role can read schemas but not register one, delete one or weaken a compatibility rule.
 */
class RegistryAccessTest {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String SCHEMA = "{\"schema\": " + quoted(SchemaBuilder.record("AccessProbe")
            .namespace("be.integrationmonitor.test").fields().requiredString("id").endRecord().toString())
            + ", \"schemaType\": \"AVRO\"}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SchemaRegistry registry;
    private static RegistryToken operator;
    /** What a service would present: a token the registry trusts, with the read-only role. */
    private static RegistryToken reader;
    /** The operator's role, signed by a key the registry does not know. */
    private static RegistryToken forger;

    @BeforeAll
    static void startSecuredRegistry() throws Exception {
        KeyPair keys = rsa();
        Path data = Files.createTempDirectory("im-registry-access-");
        registry = SchemaRegistry.start(data, Ports.free(), "384m", keys);
        operator = RegistryToken.operator(keys.getPrivate());
        reader = new RegistryToken(keys.getPrivate(), "service", "sr-readonly");
        forger = RegistryToken.operator(rsa().getPrivate());
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void onlyTheOperatorRegistersDeletesOrChangesCompatibility() throws Exception {
        String subject = "access-probe-value";
        for (RegistryToken other : new RegistryToken[] {null, forger}) {
            assertThat(call("POST", "/subjects/" + subject + "/versions", SCHEMA, other)).isEqualTo(401);
        }
        assertThat(call("POST", "/subjects/" + subject + "/versions", SCHEMA, reader)).isEqualTo(403);
        assertThat(call("POST", "/subjects/" + subject + "/versions", SCHEMA, operator)).isEqualTo(200);

        for (RegistryToken other : new RegistryToken[] {null, forger, reader}) {
            int expected = other == reader ? 403 : 401;
            assertThat(call("PUT", "/config", "{\"compatibility\": \"NONE\"}", other)).isEqualTo(expected);
            assertThat(call("PUT", "/config/" + subject, "{\"compatibility\": \"NONE\"}", other)).isEqualTo(expected);
            assertThat(call("DELETE", "/subjects/" + subject, null, other)).isEqualTo(expected);
        }
        // still there, and still under the rule the platform set
        assertThat(call("GET", "/subjects/" + subject + "/versions", null, null)).isEqualTo(200);
        assertThat(compatibility()).contains(SchemaRegistry.COMPATIBILITY);

        assertThat(call("PUT", "/config/" + subject, "{\"compatibility\": \"NONE\"}", operator)).isEqualTo(200);
        assertThat(call("DELETE", "/subjects/" + subject, null, operator)).isEqualTo(200);
    }

    @Test
    void everyoneReadsSchemasByIdAndByContent() throws Exception {
        String subject = "read-probe-value";
        HttpResponse<String> registered = send("POST", "/subjects/" + subject + "/versions", SCHEMA, operator);
        assertThat(registered.statusCode()).isEqualTo(200);
        String id = registered.body().replaceAll("\\D", "");
        for (RegistryToken client : new RegistryToken[] {null, reader}) {
            assertThat(call("GET", "/subjects", null, client)).isEqualTo(200);
            assertThat(call("POST", "/subjects/" + subject, SCHEMA, client)).isEqualTo(200);
            assertThat(call("GET", "/schemas/ids/" + id, null, client)).isEqualTo(200);
        }
    }

    /** The services' start: refused, naming the operator's command, until the operator has registered their schemas. */
    @Test
    void aServiceStartsOnlyOnceTheOperatorHasRegisteredItsSchemas() {
        SchemaRegistryClient service = new SchemaRegistryClient(registry.urls());
        assertThatThrownBy(() -> service.requireRegistered(Topics.eventSchemas()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not registered under protection-status-changed-value")
                .hasMessageContaining("im schemas register");
        assertThatThrownBy(() -> service.registerAll(Topics.eventSchemas()))
                .isInstanceOf(SchemaRegistryClient.RegistryException.class).hasMessageContaining("401");

        new SchemaRegistryClient(registry.urls(), operator).registerAll(Topics.eventSchemas());
        service.requireRegistered(Topics.eventSchemas());
    }

    private static String compatibility() throws Exception {
        return send("GET", "/config", null, operator).body();
    }

    private static int call(String method, String path, String body, RegistryToken identity) throws Exception {
        return send(method, path, body, identity).statusCode();
    }

    private static HttpResponse<String> send(String method, String path, String body, RegistryToken identity)
            throws Exception {
        RegistryUrls urls = registry.urls();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(urls.confluentApi() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", CONTENT_TYPE)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        Optional.ofNullable(identity).ifPresent(token -> request.header("Authorization", "Bearer " + token.bearer()));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
