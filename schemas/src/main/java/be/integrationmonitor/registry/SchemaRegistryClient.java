package be.integrationmonitor.registry;

import be.integrationmonitor.topics.RegistryUrls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The schema tooling's view of the registry, through the Confluent-compatible REST API, so that it
 * works against any registry speaking it (Apicurio's {@code /apis/ccompat/v7}, Confluent's).
 * Confluent's own Java client is not on Maven Central, and these are four plain calls.
 */
public final class SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REGISTER_ATTEMPTS = 5;

    private final String baseUrl;
    private final Optional<RegistryToken> identity;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Anonymous: reads only, where the registry requires authentication. */
    public SchemaRegistryClient(RegistryUrls registry) {
        this(registry, Optional.empty());
    }

    /** As {@code identity}: with the operator's, it may register schemas and change compatibility rules. */
    public SchemaRegistryClient(RegistryUrls registry, RegistryToken identity) {
        this(registry, Optional.of(identity));
    }

    private SchemaRegistryClient(RegistryUrls registry, Optional<RegistryToken> identity) {
        this.baseUrl = registry.confluentApi();
        this.identity = identity;
    }

    public void setCompatibility(String subject, String level) {
        send("PUT", "/config/" + encode(subject), Map.of("compatibility", level), 200);
    }

    /** The compatibility rule of every subject without one of its own. */
    public void setGlobalCompatibility(String level) {
        send("PUT", "/config", Map.of("compatibility", level), 200);
    }

    public String globalCompatibility() {
        return send("GET", "/config", null, 200).get("compatibilityLevel").asText();
    }

    /**
     * Registers a schema version (or finds the identical one) and returns its id. Instances
     * starting together register the same schema at once, and the registry may fail a creation
     * that loses the race: with a 5xx (Apicurio 2.x: a database lock timeout), or with a 409 as
     * if incompatible ("already exists"). Registering is idempotent, so those are retried: a 5xx a
     * few times, a 409 once (a schema refused again is incompatible).
     *
     * @throws IncompatibleSchemaException when the registry refuses it under the subject's compatibility rule
     */
    public int register(String subject, Schema schema) {
        int conflicts = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions",
                        Map.of("schema", schema.toString(), "schemaType", "AVRO"), 200);
                return answer.get("id").asInt();
            } catch (IncompatibleSchemaException e) {
                if (++conflicts > 1 || attempt == REGISTER_ATTEMPTS) {
                    throw e;
                }
            } catch (RegistryException e) {
                if (e.status() < 500 || attempt == REGISTER_ATTEMPTS) {
                    throw e;
                }
            }
            pause(200L * attempt);
        }
    }

    /** Registers each schema under its subject (the operator's identity needed), in order. */
    public void registerAll(Map<String, Schema> schemasBySubject) {
        schemasBySubject.forEach(this::register);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Whether the schema may be registered as the subject's next version; true for a new subject. */
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    Map.of("schema", schema.toString(), "schemaType", "AVRO"), 200);
            return answer.get("is_compatible").asBoolean();
        } catch (RegistryException e) {
            if (e.status() == 404) {
                return true;
            }
            throw e;
        }
    }

    /** Whether this very schema is a version of the subject (looked up by content, as the serdes do). */
    public boolean isRegistered(String subject, Schema schema) {
        try {
            send("POST", "/subjects/" + encode(subject), Map.of("schema", schema.toString(), "schemaType", "AVRO"), 200);
            return true;
        } catch (RegistryException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    /**
     * For a service, which only reads the registry: refuses to start unless the operator has
     * registered every schema it writes, each under its subject.
     *
     * @throws IllegalStateException naming the first schema missing and the command that registers it
     */
    public void requireRegistered(Map<String, Schema> schemasBySubject) {
        schemasBySubject.forEach((subject, schema) -> {
            if (!isRegistered(subject, schema)) {
                throw new IllegalStateException("the schema " + schema.getFullName() + " of this build is not registered "
                        + "under " + subject + " at " + baseUrl + ": the operator registers the schemas "
                        + "(`im schemas register`, docs/operations.md) before the services start");
            }
        });
    }

    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null, 200).forEach(subject -> subjects.add(subject.asText()));
        return subjects;
    }

    /** The version numbers of a subject, oldest first. */
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        send("GET", "/subjects/" + encode(subject) + "/versions", null, 200).forEach(v -> versions.add(v.asInt()));
        return versions;
    }

    /** The schema registered under this id (the id in a record's Confluent wire-format header). */
    public Schema schemaById(int id) {
        JsonNode answer = send("GET", "/schemas/ids/" + id, null, 200);
        return new Schema.Parser().parse(answer.get("schema").asText());
    }

    private JsonNode send(String method, String path, Object body, int expected) {
        try {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", CONTENT_TYPE)
                    .header("Accept", CONTENT_TYPE)
                    .method(method, publisher);
            identity.ifPresent(token -> request.header("Authorization", "Bearer " + token.bearer()));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 409 && path.startsWith("/subjects/")) {
                throw new IncompatibleSchemaException(response.body());
            }
            if (response.statusCode() != expected) {
                throw new RegistryException(response.statusCode(),
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("schema registry at " + baseUrl + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    /** The registry answered with an unexpected status. */
    public static class RegistryException extends RuntimeException {
        private final int status;

        public RegistryException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The registry refused a schema because it breaks the subject's compatibility rule. */
    public static final class IncompatibleSchemaException extends RegistryException {
        public IncompatibleSchemaException(String detail) {
            super(409, "schema refused as incompatible by the registry: " + detail);
        }
    }
}
