package be.integrationmonitor.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.deploy.manifests.Manifests.Document;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every object under deploy/k8s validated against the schema its API server would apply, with
 * unknown fields refused (as {@code kubectl apply --validate=strict}):
 * <ul>
 *   <li>Deployments, StatefulSets, Services, PodDisruptionBudgets, NetworkPolicies: the models of Kubernetes' own Java
 *   client, generated from the Kubernetes OpenAPI specification ({@code validateJsonElement});</li>
 *   <li>Kafka, KafkaNodePool, KafkaTopic, KafkaUser: the {@code openAPIV3Schema} of Strimzi's CRDs,
 *   generated here by Strimzi's own CRD generator from its API model (as Strimzi builds the CRDs it
 *   installs), checked with a JSON Schema validator.</li>
 * </ul>
 * The Strimzi classes need Java 21: the generator runs in a child JVM on a JDK >= 21 of the machine
 * (/usr/lib/jvm); without one, that part is skipped with a message.
 */
class KubernetesSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CORE = Map.of(
            "Deployment", "apps/v1", "StatefulSet", "apps/v1", "Service", "v1", "PodDisruptionBudget", "policy/v1",
            "NetworkPolicy", "networking.k8s.io/v1");
    private static final Map<String, String> STRIMZI = Map.of(
            "Kafka", "io.strimzi.api.kafka.model.kafka.Kafka",
            "KafkaNodePool", "io.strimzi.api.kafka.model.nodepool.KafkaNodePool",
            "KafkaTopic", "io.strimzi.api.kafka.model.topic.KafkaTopic",
            "KafkaUser", "io.strimzi.api.kafka.model.user.KafkaUser");
    private static final String STRIMZI_API_VERSION = "kafka.strimzi.io/v1";
    /** kustomize's own file, read by {@code kubectl apply -k}; not an API object. */
    private static final String KUSTOMIZATION = "Kustomization";

    private static Map<String, JsonSchema> strimziSchemas;

    @Test
    void everyObjectIsOfAKindValidatedHere() {
        for (Document document : Manifests.k8s()) {
            assertThat(CORE.containsKey(document.kind()) || STRIMZI.containsKey(document.kind())
                    || document.kind().equals(KUSTOMIZATION))
                    .as("%s: no schema for this kind in %s", document, getClass().getSimpleName()).isTrue();
        }
    }

    @Test
    void kubernetesObjectsMatchTheKubernetesApi() throws Exception {
        int validated = 0;
        for (Document document : Manifests.k8s()) {
            if (CORE.containsKey(document.kind())) {
                assertThat(document.node().path("apiVersion").asText()).as("apiVersion of %s", document)
                        .isEqualTo(CORE.get(document.kind()));
                Optional<String> error = validateCore(document.kind(), document.node());
                assertThat(error).as("%s against the Kubernetes API", document).isEmpty();
                validated++;
            }
        }
        assertThat(validated).isGreaterThanOrEqualTo(10);
    }

    @Test
    void theKubernetesValidatorRefusesMistakes() throws Exception {
        JsonNode deployment = Manifests.k8s("Deployment", "producers").node();
        ObjectNode misspelt = deployment.deepCopy();
        ((ObjectNode) misspelt.path("spec")).set("replica", misspelt.path("spec").path("replicas"));
        assertThat(validateCore("Deployment", misspelt)).hasValueSatisfying(e -> assertThat(e).contains("replica"));
        ObjectNode noName = deployment.deepCopy();
        ((ObjectNode) noName.path("spec").path("template").path("spec").path("containers").get(0)).remove("name");
        assertThat(validateCore("Deployment", noName)).isPresent();
        assertThat(validateCore("Deployment", deployment)).isEmpty();
    }

    @Test
    void strimziObjectsMatchTheStrimziCrds() throws Exception {
        Map<String, JsonSchema> schemas = strimziSchemas();
        int validated = 0;
        for (Document document : Manifests.k8s()) {
            if (STRIMZI.containsKey(document.kind())) {
                assertThat(document.node().path("apiVersion").asText()).as("apiVersion of %s", document)
                        .isEqualTo(STRIMZI_API_VERSION);
                Set<ValidationMessage> errors = schemas.get(document.kind()).validate(document.node());
                assertThat(errors).as("%s against Strimzi's CRD", document).isEmpty();
                validated++;
            }
        }
        assertThat(validated).isGreaterThanOrEqualTo(Manifests.k8s("KafkaTopic").size() + 4);
    }

    @Test
    void theStrimziValidatorRefusesMistakes() throws Exception {
        Map<String, JsonSchema> schemas = strimziSchemas();
        JsonNode topic = Manifests.k8s("KafkaTopic").get(0).node();
        ObjectNode wrongType = topic.deepCopy();
        ((ObjectNode) wrongType.path("spec")).put("partitions", "twelve");
        assertThat(schemas.get("KafkaTopic").validate(wrongType)).isNotEmpty();
        ObjectNode unknown = topic.deepCopy();
        ((ObjectNode) unknown.path("spec")).put("replica", 3);
        assertThat(schemas.get("KafkaTopic").validate(unknown)).isNotEmpty();
        ObjectNode badOperation = Manifests.k8s("KafkaUser", "producers").node().deepCopy();
        ((ObjectNode) badOperation.path("spec").path("authorization").path("acls").get(0))
                .putArray("operations").add("Publish");
        assertThat(schemas.get("KafkaUser").validate(badOperation)).isNotEmpty();
        assertThat(schemas.get("KafkaTopic").validate(topic)).isEmpty();
    }

    /** Kubernetes' Java model {@code V1<kind>}: an error message, or empty when the object is valid. */
    private static Optional<String> validateCore(String kind, JsonNode node) throws Exception {
        JsonElement json = JsonParser.parseString(JSON.writeValueAsString(node));
        Class<?> model = Class.forName("io.kubernetes.client.openapi.models.V1" + kind);
        try {
            model.getMethod("validateJsonElement", JsonElement.class).invoke(null, json);
            return Optional.empty();
        } catch (InvocationTargetException e) {
            String message = String.valueOf(e.getCause().getMessage());
            return Optional.of(message.length() > 400 ? message.substring(0, 400) + "…" : message);
        }
    }

    private static synchronized Map<String, JsonSchema> strimziSchemas() throws Exception {
        if (strimziSchemas != null) {
            return strimziSchemas;
        }
        Optional<Path> java = javaAtLeast(21);
        Assumptions.assumeTrue(java.isPresent(), "Strimzi's CRD generator (Java 21 classes) needs a JDK >= 21"
                + " under /usr/lib/jvm or in JAVA_HOME; none found, the Strimzi resources are not validated");
        Path out = Files.createTempDirectory("im-strimzi-crds-");
        List<String> command = new ArrayList<>(List.of(java.get().toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "io.strimzi.crdgenerator.CrdGenerator",
                "--yaml", "--crd-api-version", "v1", "--api-versions", "v1", "--storage-version", "v1"));
        STRIMZI.forEach((kind, type) -> command.add(type + "=" + out.resolve(kind + ".yaml")));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("Strimzi's CRD generator:\n%s", output).isZero();
        Map<String, JsonSchema> schemas = new HashMap<>();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        for (String kind : STRIMZI.keySet()) {
            JsonNode crd = Manifests.YAML.readTree(out.resolve(kind + ".yaml").toFile());
            assertThat(crd.path("spec").path("names").path("kind").asText()).isEqualTo(kind);
            JsonNode schema = null;
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (version.path("name").asText().equals("v1")) {
                    schema = version.path("schema").path("openAPIV3Schema").deepCopy();
                }
            }
            assertThat(schema).as("the v1 schema of %s", kind).isNotNull();
            strict(schema);
            schemas.put(kind, factory.getSchema(schema));
        }
        strimziSchemas = schemas;
        return schemas;
    }

    /**
     * Refuses unknown fields, as the API server does with strict field validation: every object
     * schema that lists its properties, unless it preserves unknown fields (e.g. Kafka's config).
     */
    private static void strict(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode object = (ObjectNode) schema;
            if ("object".equals(object.path("type").asText()) && object.has("properties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                    && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
        }
        schema.forEach(KubernetesSchemaTest::strict);
    }

    /** The newest JDK of at least that version: JAVA_HOME or /usr/lib/jvm/*. */
    static Optional<Path> javaAtLeast(int feature) throws IOException {
        List<Path> homes = new ArrayList<>();
        Optional.ofNullable(System.getenv("JAVA_HOME")).map(Path::of).ifPresent(homes::add);
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.forEach(homes::add);
            }
        }
        Pattern version = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);
        record Jdk(Path java, int version) {
        }
        List<Jdk> found = new ArrayList<>();
        for (Path home : homes) {
            Path release = home.resolve("release");
            Path java = home.resolve("bin/java");
            if (Files.isRegularFile(release) && Files.isExecutable(java)) {
                Matcher m = version.matcher(Files.readString(release));
                if (m.find() && Integer.parseInt(m.group(1)) >= feature) {
                    found.add(new Jdk(java, Integer.parseInt(m.group(1))));
                }
            }
        }
        return found.stream().max(Comparator.comparingInt(Jdk::version)).map(Jdk::java);
    }
}
