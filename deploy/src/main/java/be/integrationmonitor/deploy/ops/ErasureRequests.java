package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The erasure requests in force: the {@code erasures} topic read from its start to its end as it
 * was when reading began (compacted: one request per person, the latest), with no consumer group.
 *
 * @param requests the latest request of each person, by pseudonym
 * @param ends     the end offset of every partition read up to
 */
record ErasureRequests(Map<String, Request> requests, Map<Integer, Long> ends) {

    /** One request: where it is in {@code erasures} and when it was written. */
    record Request(String personRef, int partition, long offset, Instant written) {

        String position() {
            return Topics.ERASURES + "-" + partition + "@" + offset;
        }
    }

    static ErasureRequests read(Map<String, Object> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.keySet().removeIf(key -> !ConsumerConfig.configNames().contains(key));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ERASURES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<String, Request> requests = new HashMap<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        requests.put(record.key(), new Request(record.key(), record.partition(), record.offset(),
                                Instant.ofEpochMilli(record.timestamp())));
                    }
                }
            }
            Map<Integer, Long> ends = new HashMap<>();
            end.forEach((partition, offset) -> ends.put(partition.partition(), offset));
            return new ErasureRequests(Map.copyOf(requests), Map.copyOf(ends));
        }
    }
}
