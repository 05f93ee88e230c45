package be.integrationmonitor.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The event topics and the erasures are the system of record: a replay rebuilds every indicator
 * from them, so a topic that deletes records deletes history for good. This checks what the broker
 * would delete, and what it already has.
 *
 * <p>A topic keeps its history when it does not delete by age or size ({@code cleanup.policy}
 * without {@code delete}, or {@code retention.ms=-1} and {@code retention.bytes=-1}). An operator
 * bound by a legal retention period sets it on the topics and the same period as
 * {@code minimum}: a shorter retention is refused.
 */
public final class HistoryRetention {

    /** What the services and operator commands accept when nothing else is configured: no deletion at all. */
    public static final Optional<Duration> UNLIMITED = Optional.empty();

    private HistoryRetention() {
    }

    /** One topic's retention as the broker has it. */
    public record Retention(String topic, String cleanupPolicy, long retentionMs, long retentionBytes) {

        boolean deletes() {
            return cleanupPolicy.contains(TopicConfig.CLEANUP_POLICY_DELETE);
        }

        /** Why this topic would delete history that {@code minimum} says must be kept; empty if it keeps it. */
        Optional<String> problem(Optional<Duration> minimum) {
            if (!deletes()) {
                return Optional.empty();
            }
            if (retentionBytes >= 0) {
                return Optional.of(topic + " deletes its oldest events beyond " + retentionBytes
                        + " bytes a partition (retention.bytes)");
            }
            if (retentionMs >= 0 && (minimum.isEmpty() || retentionMs < minimum.get().toMillis())) {
                return Optional.of(topic + " deletes events after " + duration(retentionMs) + " (retention.ms="
                        + retentionMs + ")" + minimum.map(m -> ", less than the required " + duration(m.toMillis()))
                        .orElse(""));
            }
            return Optional.empty();
        }

        /** As {@code status} shows it. */
        public String describe() {
            if (!deletes()) {
                return "kept (" + cleanupPolicy + ")";
            }
            String age = retentionMs < 0 ? "unlimited" : duration(retentionMs);
            return retentionBytes < 0 ? age : age + ", " + retentionBytes + " bytes/partition";
        }
    }

    /** Parses {@code unlimited} or an ISO-8601 duration ({@code P3650D}). */
    public static Optional<Duration> parseMinimum(String value) {
        return value.isBlank() || value.equalsIgnoreCase("unlimited") ? UNLIMITED : Optional.of(Duration.parse(value));
    }

    public static Map<String, Retention> read(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException {
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        Map<String, Retention> retention = new HashMap<>();
        admin.describeConfigs(resources).all().get().forEach((resource, config) -> retention.put(resource.name(),
                new Retention(resource.name(), value(config, TopicConfig.CLEANUP_POLICY_CONFIG),
                        Long.parseLong(value(config, TopicConfig.RETENTION_MS_CONFIG)),
                        Long.parseLong(value(config, TopicConfig.RETENTION_BYTES_CONFIG)))));
        return retention;
    }

    /**
     * Refuses topics that would delete history: the message says which, why, and how to fix it.
     *
     * @throws IllegalStateException naming every such topic
     */
    public static void require(Admin admin, Collection<String> topics, Optional<Duration> minimum)
            throws ExecutionException, InterruptedException {
        List<String> problems = new ArrayList<>();
        read(admin, topics).values().forEach(r -> r.problem(minimum).ifPresent(problems::add));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to run: the event topics are the system of record and "
                    + String.join("; ", problems) + ". Fix: kafka-configs.sh --bootstrap-server <servers> --alter "
                    + "--entity-type topics --entity-name <topic> --add-config retention.ms=-1,retention.bytes=-1 "
                    + "(or, if a legal retention period applies, set it as retention.ms and as "
                    + "im.history.minimum-retention); see docs/operations.md#retention");
        }
    }

    /** For a broker this product owns (the local run): makes topics that would delete history keep it. */
    public static List<String> keepAll(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException {
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        read(admin, topics).values().stream().filter(r -> r.problem(UNLIMITED).isPresent()).forEach(r -> changes.put(
                new ConfigResource(ConfigResource.Type.TOPIC, r.topic()), List.of(
                        new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"), AlterConfigOp.OpType.SET),
                        new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_BYTES_CONFIG, "-1"),
                                AlterConfigOp.OpType.SET))));
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get();
        }
        return changes.keySet().stream().map(ConfigResource::name).sorted().toList();
    }

    /** Partitions whose oldest records are gone: log start offset above 0, by partition. */
    public static Map<TopicPartition, Long> lost(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, description) -> description.partitions()
                .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.earliest())));
        Map<TopicPartition, Long> lost = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((partition, info) -> {
            if (info.offset() > 0) {
                lost.put(partition, info.offset());
            }
        });
        return lost;
    }

    private static String value(Config config, String name) {
        ConfigEntry entry = config.get(name);
        return entry == null || entry.value() == null ? "-1" : entry.value();
    }

    private static String duration(long millis) {
        Duration duration = Duration.ofMillis(millis);
        return duration.toDays() > 0 ? duration.toDays() + " days" : duration.toString();
    }
}
