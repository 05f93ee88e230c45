package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the dead-letter topic partition by partition, from its start to the end it had when the
 * partition's read began, so that a read ends even while the engine adds dead letters. No consumer
 * group: nothing is committed, and any number of operators may read at once.
 */
final class DeadLetterReader {

    /** A partition whose position does not move for this long has an open transaction or an unreachable leader. */
    private static final Duration STALLED = Duration.ofSeconds(60);

    private DeadLetterReader() {
    }

    /** Hands every dead letter to {@code each}, in partition then offset order; returns how many were read. */
    static long read(Map<String, Object> settings, Consumer<DeadLetter> each) {
        Map<String, Object> config = new HashMap<>(settings);
        // the engine writes dead letters in its transactions (exactly_once_v2): aborted ones never happened
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.DEAD_LETTER);
            if (partitions.isEmpty()) {
                throw new IllegalStateException("there is no topic " + Topics.DEAD_LETTER + " on this cluster");
            }
            for (PartitionInfo info : partitions.stream().sorted(Comparator.comparingInt(PartitionInfo::partition)).toList()) {
                read += read(consumer, new TopicPartition(info.topic(), info.partition()), each);
            }
        }
        return read;
    }

    private static long read(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition, Consumer<DeadLetter> each) {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        // read_committed: the last stable offset, past which nothing is committed yet
        long end = consumer.endOffsets(List.of(partition)).get(partition);
        long read = 0;
        long position = consumer.position(partition);
        Instant moved = Instant.now();
        while (position < end) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() < end) {
                    each.accept(new DeadLetter(record));
                    read++;
                }
            }
            long now = consumer.position(partition);
            if (now != position) {
                position = now;
                moved = Instant.now();
            } else if (Duration.between(moved, Instant.now()).compareTo(STALLED) > 0) {
                throw new IllegalStateException("no progress reading " + partition + " at offset " + position
                        + " for " + STALLED.toSeconds() + " s");
            }
        }
        return read;
    }
}
