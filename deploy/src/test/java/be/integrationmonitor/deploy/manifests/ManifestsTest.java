package be.integrationmonitor.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.deploy.manifests.Manifests.Document;
import be.integrationmonitor.platform.security.Scram;
import be.integrationmonitor.platform.security.ServiceAcls;
import be.integrationmonitor.platform.security.ServiceAcls.Grant;
import be.integrationmonitor.registry.RegistryToken;
import be.integrationmonitor.topics.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/**
 * The deployment files agree with the code: every YAML parses and names its objects, the topics are
 * the code's topics, the users have exactly the code's ACLs, every environment variable set on a
 * service is a setting that service reads, probes, ports and the engine's state volume are where the
 * services expect them. See {@link KubernetesSchemaTest} and {@link ComposeConfigTest} for the
 * validation against the Kubernetes, Strimzi and Compose schemas.
 */
class ManifestsTest {

    /** The Quarkus services: module = container name = compose service = Kafka user. */
    private static final List<String> SERVICES = List.of(ServiceAcls.PRODUCERS, ServiceAcls.STREAMS, ServiceAcls.SINK_API);
    private static final String BOOTSTRAP = GeneratedManifests.CLUSTER + "-kafka-bootstrap:9093";

    @Test
    void everyKubernetesDocumentParsesAndNamesItsObject() {
        List<Document> documents = Manifests.k8s();
        assertThat(Manifests.k8sFiles()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(documents).hasSizeGreaterThan(20);
        for (Document document : documents) {
            assertThat(document.node().path("apiVersion").asText()).as("apiVersion of %s", document).isNotBlank();
            assertThat(document.kind()).as("kind in %s", document.file()).isNotBlank();
            assertThat(document.name()).as("metadata.name of a %s in %s", document.kind(), document.file())
                    .matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
        }
        Map<String, Long> duplicates = documents.stream()
                .collect(Collectors.groupingBy(d -> d.kind() + "/" + d.name(), Collectors.counting()));
        duplicates.values().removeIf(count -> count == 1);
        assertThat(duplicates).as("objects defined twice").isEmpty();
    }

    /**
     * A service's public port is open to every pod (the ingress controller among them); its
     * management port (health, metrics, OpenAPI; the engine's only port) to the monitoring
     * namespace alone.
     */
    @Test
    void networkPoliciesDenyIngressButToEachServicesPublicPortItsManagementPortToMonitoringAndTheRegistryToTheServices() {
        assertThat(Manifests.k8s("NetworkPolicy", "default-deny-ingress").node().path("spec").path("podSelector").isEmpty())
                .as("selects every pod").isTrue();
        for (String service : SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            JsonNode policy = Manifests.k8s("NetworkPolicy", service).node().path("spec");
            assertThat(policy.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText())
                    .isEqualTo(service);
            Map<Integer, JsonNode> fromByPort = new HashMap<>();
            for (JsonNode rule : policy.path("ingress")) {
                assertThat(rule.path("ports")).as(service).hasSize(1);
                fromByPort.put(rule.path("ports").get(0).path("port").asInt(), rule.path("from"));
            }
            List<Integer> open = config.hasManagementInterface()
                    ? List.of(config.httpPort(), config.managementPort()) : List.of(config.managementPort());
            assertThat(fromByPort).as(service).containsOnlyKeys(open);
            if (config.hasManagementInterface()) {
                assertThat(fromByPort.get(config.httpPort()).isMissingNode()).as("%s public port open", service).isTrue();
            }
            JsonNode management = fromByPort.get(config.managementPort());
            assertThat(management).as("%s management port: one source", service).hasSize(1);
            assertThat(management.get(0).path("podSelector").isMissingNode()).isTrue();
            assertThat(management.get(0).path("namespaceSelector").path("matchLabels")
                    .path("kubernetes.io/metadata.name").asText()).as(service).isEqualTo("monitoring");
        }
        JsonNode registry = Manifests.k8s("NetworkPolicy", "schema-registry").node().path("spec").path("ingress").get(0);
        List<String> clients = new ArrayList<>();
        registry.path("from").get(0).path("podSelector").path("matchExpressions").get(0).path("values")
                .forEach(v -> clients.add(v.asText()));
        assertThat(clients).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @Test
    void theKustomizationListsEveryFileAndNoSecretIsContained() {
        Document kustomization = Manifests.k8s("Kustomization", "integration-monitor");
        Set<String> listed = new HashSet<>();
        kustomization.node().path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> files = Manifests.k8sFiles().stream().map(f -> f.getFileName().toString())
                .filter(name -> !name.equals("kustomization.yaml")).collect(Collectors.toSet());
        assertThat(listed).isEqualTo(files);
        assertThat(Manifests.k8s("Secret")).as("Secrets are referenced, never contained").isEmpty();
        assertThat(Manifests.k8s("ConfigMap")).isEmpty();
    }

    @Test
    void theKafkaTopicsAreTheCodesTopics() {
        Map<String, String> expected = new TreeMap<>();
        for (NewTopic topic : Topics.definitions(GeneratedManifests.K8S_PARTITIONS, GeneratedManifests.REPLICATION_FACTOR)) {
            expected.put(topic.name(), topic.numPartitions() + "/" + topic.replicationFactor() + "/"
                    + new TreeMap<>(topic.configs() == null ? Map.of() : topic.configs()));
        }
        Map<String, String> actual = new TreeMap<>();
        for (Document topic : Manifests.k8s("KafkaTopic")) {
            JsonNode spec = topic.node().path("spec");
            assertThat(spec.path("topicName").asText()).as("topicName of %s", topic).isEqualTo(topic.name());
            assertThat(topic.node().path("metadata").path("labels").path("strimzi.io/cluster").asText())
                    .as("cluster of %s", topic).isEqualTo(GeneratedManifests.CLUSTER);
            Map<String, String> config = new TreeMap<>();
            spec.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            actual.put(spec.path("topicName").asText(),
                    spec.path("partitions").asInt() + "/" + spec.path("replicas").asInt() + "/" + config);
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(actual).containsKeys("indicators.1", Topics.GENERATIONS, Topics.ERASURES, Topics.DEAD_LETTER);
    }

    @Test
    void theKafkaUsersHaveExactlyTheCodesAcls() {
        Map<String, List<Grant>> actual = new LinkedHashMap<>();
        for (Document user : Manifests.k8s("KafkaUser")) {
            assertThat(user.node().path("spec").path("authentication").path("type").asText())
                    .as("authentication of %s", user).isEqualTo("scram-sha-512");
            assertThat(user.node().path("metadata").path("labels").path("strimzi.io/cluster").asText())
                    .isEqualTo(GeneratedManifests.CLUSTER);
            if (user.name().equals(ServiceAcls.ADMIN)) {
                assertThat(user.node().path("spec").has("authorization")).as("the super user needs no ACL").isFalse();
                continue;
            }
            JsonNode authorization = user.node().path("spec").path("authorization");
            assertThat(authorization.path("type").asText()).isEqualTo("simple");
            List<Grant> grants = new ArrayList<>();
            for (JsonNode acl : authorization.path("acls")) {
                assertThat(acl.path("type").asText("allow")).isEqualTo("allow");
                assertThat(acl.path("host").asText("*")).isEqualTo("*");
                Set<AclOperation> operations = new HashSet<>();
                acl.path("operations").forEach(op -> operations.add(operation(op.asText())));
                JsonNode resource = acl.path("resource");
                grants.add(new Grant(resourceType(resource.path("type").asText()), resource.path("name").asText(),
                        resource.path("patternType").asText("literal").equals("prefix")
                                ? PatternType.PREFIXED : PatternType.LITERAL,
                        operations));
            }
            actual.put(user.name(), grants);
        }
        assertThat(actual).isEqualTo(ServiceAcls.catalogue());
        JsonNode kafka = Manifests.k8s("Kafka", GeneratedManifests.CLUSTER).node().path("spec").path("kafka");
        assertThat(kafka.path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(kafka.path("authorization").path("superUsers")).extracting(JsonNode::asText)
                .containsExactly(ServiceAcls.ADMIN);
    }

    @Test
    void theKafkaClusterHasThreeCombinedNodesAndTheSecuredListener() {
        JsonNode pool = Manifests.k8s("KafkaNodePool").get(0).node();
        assertThat(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(GeneratedManifests.CLUSTER);
        assertThat(pool.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(pool.path("spec").path("roles")).extracting(JsonNode::asText).containsExactlyInAnyOrder("controller", "broker");
        JsonNode kafka = Manifests.k8s("Kafka", GeneratedManifests.CLUSTER).node().path("spec").path("kafka");
        JsonNode config = kafka.path("config");
        assertThat(config.path("min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(config.path("default.replication.factor").asInt()).isEqualTo(GeneratedManifests.REPLICATION_FACTOR);
        assertThat(config.path("transaction.state.log.min.isr").asInt()).isEqualTo(2);
        List<JsonNode> listeners = new ArrayList<>();
        kafka.path("listeners").forEach(listeners::add);
        assertThat(listeners).hasSize(1);
        JsonNode listener = listeners.get(0);
        assertThat(listener.path("port").asInt()).isEqualTo(9093);
        assertThat(listener.path("tls").asBoolean()).isTrue();
        assertThat(listener.path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
    }

    @Test
    void everyEnvironmentVariableOfAServiceIsASettingItReads() {
        for (String service : SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            Map<String, String> k8s = env(container(service));
            Map<String, String> compose = composeEnv(service);
            assertThat(k8s).as("environment of %s in deploy/k8s", service).isNotEmpty();
            assertThat(compose).as("environment of %s in compose.yaml", service).isNotEmpty();
            for (Map<String, String> environment : List.of(k8s, compose)) {
                for (String variable : environment.keySet()) {
                    if (ServiceConfig.IMAGE_VARIABLES.contains(variable)) {
                        continue;
                    }
                    assertThat(config.keyOf(variable))
                            .as("%s sets %s, which %s does not read (application.properties, @ConfigProperty,"
                                    + " pass-through prefixes %s)", service, variable, service, config.prefixes)
                            .isPresent();
                }
            }
            assertThat(k8s).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "REGISTRY_URL", "JAVA_OPTS_APPEND");
            assertThat(compose).containsKeys("KAFKA_BOOTSTRAP_SERVERS", "REGISTRY_URL");
        }
        assertThat(ServiceConfig.of("producers").keyOf("IM_PSEUDONYMISATION_KEY")).hasValue("im.pseudonymisation.key");
        assertThat(ServiceConfig.of("producers").keyOf("IM_NO_SUCH_SETTING")).isEmpty();
        assertThat(ServiceConfig.of("streams").keyOf("KAFKA_SASL_JAAS_CONFIG"))
                .as("the engine reads its Kafka security from kafka-streams.*").isEmpty();
    }

    @Test
    void everyServiceLogsInWithItsOwnUserOverTls() {
        for (String service : SERVICES) {
            JsonNode container = container(service);
            Map<String, String> env = env(container);
            String prefix = service.equals(ServiceAcls.STREAMS) ? "KAFKA_STREAMS_" : "KAFKA_";
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).as(service).isEqualTo(BOOTSTRAP);
            assertThat(env.get(prefix + "SECURITY_PROTOCOL")).as(service).isEqualTo("SASL_SSL");
            assertThat(env.get(prefix + "SASL_MECHANISM")).as(service).isEqualTo(Scram.MECHANISM);
            assertThat(env.get(prefix + "SSL_TRUSTSTORE_TYPE")).as(service).isEqualTo("PEM");
            JsonNode jaas = variable(container, prefix + "SASL_JAAS_CONFIG").path("valueFrom").path("secretKeyRef");
            assertThat(jaas.path("name").asText()).as("%s logs in as its KafkaUser", service).isEqualTo(service);
            assertThat(jaas.path("key").asText()).isEqualTo("sasl.jaas.config");
            Manifests.k8s("KafkaUser", service);
            String truststore = env.get(prefix + "SSL_TRUSTSTORE_LOCATION");
            assertThat(mountOf(container, truststore)).as("%s mounts its truststore %s", service, truststore)
                    .isEqualTo("kafka-ca");
            assertThat(podVolume(service, "kafka-ca").path("secret").path("secretName").asText())
                    .isEqualTo(GeneratedManifests.CLUSTER + "-cluster-ca-cert");
        }
    }

    @Test
    void probesPortsResourcesAndDisruptionBudgets() {
        for (String service : SERVICES) {
            Document workload = workload(service);
            JsonNode container = container(service);
            ServiceConfig config = ServiceConfig.of(service);
            int port = config.httpPort();
            assertThat(container.path("ports").get(0).path("containerPort").asInt()).as(service).isEqualTo(port);
            String portName = container.path("ports").get(0).path("name").asText();
            String managementPortName = portName(container, config.managementPort());
            for (String probe : List.of("readinessProbe", "livenessProbe")) {
                JsonNode http = container.path(probe).path("httpGet");
                assertThat(http.path("path").asText()).as("%s %s", service, probe)
                        .isEqualTo(probe.equals("readinessProbe") ? "/q/health/ready" : "/q/health/live");
                assertThat(http.path("port").asText()).as("%s %s on the management port", service, probe)
                        .isIn(managementPortName, String.valueOf(config.managementPort()));
            }
            JsonNode resources = container.path("resources");
            long limit = bytes(resources.path("limits").path("memory").asText());
            assertThat(bytes(resources.path("requests").path("memory").asText())).as(service).isPositive();
            assertThat(resources.path("requests").path("cpu").asText()).as(service).isNotBlank();
            Matcher xmx = Pattern.compile("-Xmx(\\d+[mg])").matcher(env(container).get("JAVA_OPTS_APPEND"));
            assertThat(xmx.find()).as("%s sets -Xmx in JAVA_OPTS_APPEND", service).isTrue();
            assertThat(bytes(xmx.group(1))).as("%s heap below its memory limit", service).isLessThan(limit * 3 / 4);

            JsonNode labels = workload.node().path("spec").path("template").path("metadata").path("labels");
            JsonNode selector = workload.node().path("spec").path("selector").path("matchLabels");
            assertThat(matches(selector, labels)).as("%s selector matches its pods", service).isTrue();
            assertThat(Manifests.k8s("PodDisruptionBudget")).as("a PodDisruptionBudget for %s", service)
                    .anySatisfy(pdb -> assertThat(matches(pdb.node().path("spec").path("selector").path("matchLabels"), labels)).isTrue());
            assertThat(Manifests.k8s("Service")).as("a Service for %s on its port", service).anySatisfy(s -> {
                assertThat(matches(s.node().path("spec").path("selector"), labels)).isTrue();
                assertThat(s.node().path("spec").path("ports").get(0).path("targetPort").asText()).isIn(portName, String.valueOf(port));
            });
            if (config.hasManagementInterface()) {
                assertThat(Manifests.k8s("Service")).as("no Service exposes the management port of %s", service)
                        .filteredOn(s -> matches(s.node().path("spec").path("selector"), labels))
                        .allSatisfy(s -> s.node().path("spec").path("ports").forEach(p -> assertThat(p.path("targetPort").asText())
                                .isNotIn(managementPortName, String.valueOf(config.managementPort()))));
            }
        }
        assertThat(workload("streams").kind()).isEqualTo("StatefulSet");
        assertThat(workload("producers").kind()).isEqualTo("Deployment");
        assertThat(workload("sink-api").kind()).isEqualTo("Deployment");
    }

    @Test
    void theEngineKeepsItsStateOnItsOwnVolumeWithAStandby() {
        Document streams = workload(ServiceAcls.STREAMS);
        JsonNode container = container(ServiceAcls.STREAMS);
        Map<String, String> env = env(container);
        String stateDir = env.get(ServiceConfig.environmentName("im.state.dir"));
        assertThat(stateDir).startsWith("/");
        JsonNode claim = streams.node().path("spec").path("volumeClaimTemplates").get(0);
        assertThat(claim.path("spec").path("accessModes").get(0).asText()).isEqualTo("ReadWriteOnce");
        assertThat(mountOf(container, stateDir + "/x")).as("the state directory is on the claim")
                .isEqualTo(claim.path("metadata").path("name").asText());
        assertThat(env.get("KAFKA_STREAMS_NUM_STANDBY_REPLICAS")).isEqualTo("1");
        assertThat(env.get("KAFKA_STREAMS_REPLICATION_FACTOR")).isEqualTo(String.valueOf(GeneratedManifests.REPLICATION_FACTOR));
        assertThat(streams.node().path("spec").path("replicas").asInt()).isBetween(2, GeneratedManifests.K8S_PARTITIONS);
        assertThat(streams.node().path("spec").path("template").path("spec").path("securityContext").path("fsGroup").asInt())
                .as("the volume is writable by the image's user 185").isEqualTo(185);
        String dockerfile = read("streams/src/main/docker/Dockerfile.jvm");
        assertThat(dockerfile).contains("ENV IM_STATE_DIR=" + stateDir, "chown 185:0 " + stateDir);
        Map<String, String> compose = composeEnv(ServiceAcls.STREAMS);
        assertThat(compose.get("IM_STATE_DIR")).isEqualTo(stateDir);
        assertThat(Manifests.compose().path("services").path("streams").path("volumes").get(0).asText())
                .endsWith(":" + stateDir);
    }

    @Test
    void theComposeClusterIsThreeCombinedKafkaNodesAndTheServicesBuiltFromTheirDockerfiles() {
        JsonNode services = Manifests.compose().path("services");
        String kafkaVersion = rootPomProperty("kafka.version");
        Set<String> clusterIds = new HashSet<>();
        for (int node = 1; node <= 3; node++) {
            JsonNode kafka = services.path("kafka-" + node);
            assertThat(kafka.path("image").asText()).isEqualTo("apache/kafka:" + kafkaVersion);
            JsonNode env = kafka.path("environment");
            assertThat(env.path("KAFKA_NODE_ID").asText()).isEqualTo(String.valueOf(node));
            assertThat(env.path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
            assertThat(env.path("KAFKA_CONTROLLER_QUORUM_VOTERS").asText())
                    .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
            assertThat(env.path("KAFKA_MIN_INSYNC_REPLICAS").asText()).isEqualTo("2");
            assertThat(env.path("KAFKA_DEFAULT_REPLICATION_FACTOR").asText()).isEqualTo("3");
            assertThat(env.path("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR").asText()).isEqualTo("3");
            String clusterId = env.path("CLUSTER_ID").asText().replaceAll("^\\$\\{KAFKA_CLUSTER_ID:-(.*)}$", "$1");
            Uuid.fromString(clusterId);
            clusterIds.add(clusterId);
        }
        assertThat(clusterIds).hasSize(1);
        JsonNode init = services.path("topic-init");
        assertThat(init.path("volumes").get(0).asText()).startsWith("./create-topics.sh:");
        assertThat(init.path("depends_on").size()).isEqualTo(3);
        for (String service : SERVICES) {
            JsonNode compose = services.path(service);
            Path context = Repo.path("deploy/compose").resolve(compose.path("build").path("context").asText()).normalize();
            assertThat(context).isEqualTo(Repo.path(service));
            assertThat(context.resolve(compose.path("build").path("dockerfile").asText())).isRegularFile();
            assertThat(compose.path("depends_on").path("topic-init").path("condition").asText())
                    .isEqualTo("service_completed_successfully");
            String dockerfile = read(service + "/src/main/docker/Dockerfile.jvm");
            int port = ServiceConfig.of(service).httpPort();
            assertThat(dockerfile).contains("EXPOSE " + port, "target/quarkus-app/lib/", "QUARKUS_HTTP_HOST=0.0.0.0");
            compose.path("ports").forEach(p -> assertThat(p.asText())
                    .as("published on the loopback address unless the operator names a TLS front's")
                    .isEqualTo("${IM_PUBLISH_ADDRESS:-127.0.0.1}:" + port + ":" + port));
        }
        assertThat(composeEnv("producers").get("IM_PSEUDONYMISATION_KEY"))
                .as("the key comes from the git-ignored .env, it has no default").startsWith("${IM_PSEUDONYMISATION_KEY:?");
        assertThat(read("deploy/compose/.gitignore")).contains(".env", "secrets/");
    }

    /**
     * Only the operator changes the schema registry: it verifies the operator's tokens with the public
     * key, lets anyone read, and no workload but the one-shot registration holds the private key.
     */
    @Test
    void theSchemaRegistryIsChangedByItsOperatorAlone() {
        Map<String, String> secured = Map.of("QUARKUS_OIDC_TENANT_ENABLED", "true",
                "QUARKUS_OIDC_TOKEN_ISSUER", RegistryToken.ISSUER, "APICURIO_AUTH_ROLE_BASED_AUTHORIZATION", "true",
                "APICURIO_AUTH_ROLE_SOURCE", "token", "APICURIO_AUTH_ANONYMOUS_READ_ACCESS_ENABLED", "true");
        JsonNode registry = container("schema-registry");
        assertThat(env(registry)).containsAllEntriesOf(secured);
        assertThat(composeEnv("schema-registry")).containsAllEntriesOf(secured);
        assertThat(variable(registry, "QUARKUS_OIDC_PUBLIC_KEY").path("valueFrom").path("configMapKeyRef")
                .path("name").asText()).isEqualTo("schema-registry-operator");
        assertThat(composeEnv("schema-registry").get("QUARKUS_OIDC_PUBLIC_KEY"))
                .startsWith("${REGISTRY_OPERATOR_PUBLIC_KEY:?");
        for (Document document : Manifests.k8s()) {
            List<String> secrets = new ArrayList<>();
            document.node().findValues("secretKeyRef").forEach(ref -> secrets.add(ref.path("name").asText()));
            document.node().findValues("secretName").forEach(name -> secrets.add(name.asText()));
            assertThat(secrets).as("the operator's private key in %s", document.name()).doesNotContain("schema-registry-operator");
        }

        JsonNode services = Manifests.compose().path("services");
        assertThat(services.path("schema-init").path("command").toString())
                .contains("\"schemas\",\"register\"", "--registry-key-file");
        services.fields().forEachRemaining(service -> assertThat(
                service.getValue().path("volumes").toString().contains("registry-operator.key"))
                .as("%s mounts the operator's key", service.getKey()).isEqualTo(service.getKey().equals("schema-init")));
        for (String service : SERVICES) {
            assertThat(services.path(service).path("depends_on").path("schema-init").path("condition").asText())
                    .as("%s starts once the schemas are registered", service).isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void theProducersDuplicateTopicIsTheOneTheirAclsName() {
        assertThat(ServiceConfig.of("producers").properties.getProperty("im.dedupe.topic"))
                .isEqualTo(ServiceAcls.PRODUCERS_SEEN_EVENT_IDS);
    }

    // --- helpers

    private static Document workload(String service) {
        return Manifests.k8s().stream()
                .filter(d -> d.kind().equals("Deployment") || d.kind().equals("StatefulSet"))
                .filter(d -> d.name().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no Deployment or StatefulSet " + service));
    }

    private static JsonNode container(String service) {
        for (JsonNode container : workload(service).node().path("spec").path("template").path("spec").path("containers")) {
            if (container.path("name").asText().equals(service)) {
                return container;
            }
        }
        throw new AssertionError("no container " + service + " in " + workload(service));
    }

    private static JsonNode podVolume(String service, String name) {
        for (JsonNode volume : workload(service).node().path("spec").path("template").path("spec").path("volumes")) {
            if (volume.path("name").asText().equals(name)) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name + " in " + service);
    }

    /** Name → value (or "<from secret>") of a container's environment. */
    private static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode variable : container.path("env")) {
            env.put(variable.path("name").asText(),
                    variable.has("value") ? variable.path("value").asText() : "<" + variable.path("valueFrom") + ">");
        }
        assertThat(container.has("envFrom")).as("every variable is listed (no envFrom)").isFalse();
        return env;
    }

    private static JsonNode variable(JsonNode container, String name) {
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no variable " + name);
    }

    private static Map<String, String> composeEnv(String service) {
        Map<String, String> env = new HashMap<>();
        Manifests.compose().path("services").path(service).path("environment").fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    /** The volume mounted at the deepest mount path that contains {@code path}. */
    private static String mountOf(JsonNode container, String path) {
        String best = null;
        int length = -1;
        for (JsonNode mount : container.path("volumeMounts")) {
            String at = mount.path("mountPath").asText();
            if ((path.equals(at) || path.startsWith(at + "/")) && at.length() > length) {
                best = mount.path("name").asText();
                length = at.length();
            }
        }
        return best;
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector.isEmpty()) {
            return false;
        }
        Map<String, String> wanted = new HashMap<>();
        selector.fields().forEachRemaining(e -> wanted.put(e.getKey(), e.getValue().asText()));
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.path(e.getKey()).asText(null)));
    }

    /** Kubernetes quantities (Mi, Gi) and JVM sizes (m, g). */
    private static long bytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi|m|g)").matcher(quantity);
        assertThat(m.matches()).as("a memory size: %s", quantity).isTrue();
        long n = Long.parseLong(m.group(1));
        return m.group(2).toLowerCase().startsWith("g") ? n << 30 : n << 20;
    }

    private static AclOperation operation(String strimzi) {
        for (AclOperation operation : AclOperation.values()) {
            if (operation != AclOperation.UNKNOWN && GeneratedManifests.strimziOperation(operation).equals(strimzi)) {
                return operation;
            }
        }
        throw new AssertionError("unknown operation " + strimzi);
    }

    private static ResourceType resourceType(String strimzi) {
        for (ResourceType type : List.of(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.CLUSTER,
                ResourceType.TRANSACTIONAL_ID)) {
            if (GeneratedManifests.strimziResourceType(type).equals(strimzi)) {
                return type;
            }
        }
        throw new AssertionError("unknown resource type " + strimzi);
    }

    private static String rootPomProperty(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(read("pom.xml"));
        assertThat(m.find()).as(name + " in pom.xml").isTrue();
        return m.group(1).trim();
    }

    private static String read(String relative) {
        try {
            return Files.readString(Repo.path(relative));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The name of the container's port with this number. */
    private static String portName(JsonNode container, int port) {
        for (JsonNode declared : container.path("ports")) {
            if (declared.path("containerPort").asInt() == port) {
                return declared.path("name").asText();
            }
        }
        throw new AssertionError("no container port " + port + " declared");
    }
}
