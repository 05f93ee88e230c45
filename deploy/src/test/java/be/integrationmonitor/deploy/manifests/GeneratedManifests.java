package be.integrationmonitor.deploy.manifests;

import be.integrationmonitor.platform.security.ServiceAcls;
import be.integrationmonitor.platform.security.ServiceAcls.Grant;
import be.integrationmonitor.topics.Topics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The deployment files that are generated from the code, never written by hand: the topics (from
 * {@link Topics#definitions}) and the service users with their ACLs (from {@link ServiceAcls}).
 * {@link GeneratedManifestsTest} fails when a checked-in file differs, and rewrites them when asked.
 */
final class GeneratedManifests {

    /** The Strimzi {@code Kafka} resource's name, as in deploy/k8s/kafka-cluster.yaml. */
    static final String CLUSTER = "integration-monitor";
    /** Production: up to 12 engine instances share the work (see docs/deployment.md, sizing). */
    static final int K8S_PARTITIONS = 12;
    /** The single-host compose cluster. */
    static final int COMPOSE_PARTITIONS = 6;
    /** Three brokers, min.insync.replicas 2: one broker may be down without stopping writes. */
    static final short REPLICATION_FACTOR = 3;

    static final String TOPICS_YAML = "deploy/k8s/topics.yaml";
    static final String USERS_YAML = "deploy/k8s/users.yaml";
    static final String COMPOSE_TOPICS = "deploy/compose/create-topics.sh";

    static final String REGENERATE = "mvn -B -pl deploy -am -Dtest=GeneratedManifestsTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dim.manifests.write=true test";

    private GeneratedManifests() {
    }

    /** Every generated file by its path from the repository root, with its expected content. */
    static Map<String, String> all() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(TOPICS_YAML, kafkaTopics());
        files.put(USERS_YAML, kafkaUsers());
        files.put(COMPOSE_TOPICS, composeTopicScript());
        return files;
    }

    private static String header(String comment, String from) {
        return comment + " Generated from " + from + " by deploy's GeneratedManifests: do not edit.\n"
                + comment + " Regenerate with: " + REGENERATE + "\n";
    }

    /** One Strimzi KafkaTopic per topic of the product. */
    static String kafkaTopics() {
        StringBuilder yaml = new StringBuilder(header("#",
                "Topics.definitions(" + K8S_PARTITIONS + ", " + REPLICATION_FACTOR + ")"));
        for (NewTopic topic : Topics.definitions(K8S_PARTITIONS, REPLICATION_FACTOR)) {
            yaml.append("---\n")
                    .append("apiVersion: kafka.strimzi.io/v1\n")
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(topic.name()).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(CLUSTER).append('\n')
                    .append("    app.kubernetes.io/part-of: integration-monitor\n")
                    .append("spec:\n")
                    .append("  topicName: ").append(topic.name()).append('\n')
                    .append("  partitions: ").append(topic.numPartitions()).append('\n')
                    .append("  replicas: ").append(topic.replicationFactor()).append('\n');
            Map<String, String> configs = new TreeMap<>(topic.configs() == null ? Map.of() : topic.configs());
            if (!configs.isEmpty()) {
                yaml.append("  config:\n");
                configs.forEach((key, value) -> yaml.append("    ").append(key).append(": ")
                        .append(quoted(value)).append('\n'));
            }
        }
        return yaml.toString();
    }

    /**
     * One Strimzi KafkaUser (SCRAM-SHA-512) per service principal with exactly its ACLs, and the
     * super user, who has none (it is listed in the Kafka resource's superUsers).
     */
    static String kafkaUsers() {
        StringBuilder yaml = new StringBuilder(header("#", "ServiceAcls.catalogue()"));
        yaml.append("# The User Operator creates a Secret per user (same name) with its password and its\n")
                .append("# sasl.jaas.config; the services read the latter (docs/security.md).\n");
        user(yaml, ServiceAcls.ADMIN, List.of());
        ServiceAcls.catalogue().forEach((user, grants) -> user(yaml, user, grants));
        return yaml.toString();
    }

    private static void user(StringBuilder yaml, String user, List<Grant> grants) {
        yaml.append("---\n")
                .append("apiVersion: kafka.strimzi.io/v1\n")
                .append("kind: KafkaUser\n")
                .append("metadata:\n")
                .append("  name: ").append(user).append('\n')
                .append("  labels:\n")
                .append("    strimzi.io/cluster: ").append(CLUSTER).append('\n')
                .append("    app.kubernetes.io/part-of: integration-monitor\n")
                .append("spec:\n")
                .append("  authentication:\n")
                .append("    type: scram-sha-512\n");
        if (grants.isEmpty()) {
            return;
        }
        yaml.append("  authorization:\n")
                .append("    type: simple\n")
                .append("    acls:\n");
        for (Grant grant : grants) {
            yaml.append("      - type: allow\n")
                    .append("        resource:\n")
                    .append("          type: ").append(strimziResourceType(grant.resourceType())).append('\n')
                    .append("          name: ").append(quoted(grant.name())).append('\n')
                    .append("          patternType: ").append(strimziPatternType(grant.patternType())).append('\n')
                    .append("        host: \"*\"\n")
                    .append("        operations: [")
                    .append(grant.operations().stream().map(GeneratedManifests::strimziOperation)
                            .collect(Collectors.joining(", ")))
                    .append("]\n");
        }
    }

    /** The compose cluster's one-shot topic creation, run by the apache/kafka image's own tools. */
    static String composeTopicScript() {
        StringBuilder sh = new StringBuilder("#!/bin/sh\n").append(header("#",
                "Topics.definitions(" + COMPOSE_PARTITIONS + ", " + REPLICATION_FACTOR + ")"));
        sh.append("# Run once by the topic-init service of compose.yaml; existing topics are left as they are.\n")
                .append("set -eu\n")
                .append(": \"${BOOTSTRAP_SERVERS:?the Kafka bootstrap servers}\"\n")
                .append("create() {\n")
                .append("  /opt/kafka/bin/kafka-topics.sh --bootstrap-server \"$BOOTSTRAP_SERVERS\" --create --if-not-exists \"$@\"\n")
                .append("}\n");
        for (NewTopic topic : Topics.definitions(COMPOSE_PARTITIONS, REPLICATION_FACTOR)) {
            sh.append("create --topic ").append(topic.name())
                    .append(" --partitions ").append(topic.numPartitions())
                    .append(" --replication-factor ").append(topic.replicationFactor());
            new TreeMap<>(topic.configs() == null ? Map.<String, String>of() : topic.configs())
                    .forEach((key, value) -> sh.append(" --config ").append(key).append('=').append(value));
            sh.append('\n');
        }
        sh.append("echo \"topics ready\"\n");
        return sh.toString();
    }

    static String strimziResourceType(ResourceType type) {
        return switch (type) {
            case TOPIC -> "topic";
            case GROUP -> "group";
            case CLUSTER -> "cluster";
            case TRANSACTIONAL_ID -> "transactionalId";
            default -> throw new IllegalArgumentException("no Strimzi resource type for " + type);
        };
    }

    static String strimziPatternType(PatternType type) {
        return switch (type) {
            case LITERAL -> "literal";
            case PREFIXED -> "prefix";
            default -> throw new IllegalArgumentException("no Strimzi pattern type for " + type);
        };
    }

    /** {@code DESCRIBE_CONFIGS} → {@code DescribeConfigs}, as Strimzi spells Kafka's operations. */
    static String strimziOperation(AclOperation operation) {
        StringBuilder name = new StringBuilder();
        for (String word : operation.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    private static String quoted(String value) {
        return value.matches("[A-Za-z0-9._/-]+") && !value.matches("[0-9.]+|true|false|yes|no|null|on|off")
                ? value : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
