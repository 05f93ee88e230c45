package be.integrationmonitor.deploy.faults;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.topics.Topic;
import be.integrationmonitor.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The event topics read whole: the events the producers wrote, which is what the partners'
 * pushes came to.
 *
 * @param indicatorInputs the events of the topics the engine reads, for the batch reference
 * @param copies          how many records each eventId has, over every event topic
 */
record EventTopics(List<SpecificRecord> indicatorInputs, Map<String, Integer> copies) {

    static EventTopics read(LocalPlatform platform) {
        Topics topics = new Topics(platform.registry());
        List<SpecificRecord> inputs = new ArrayList<>();
        Map<String, Integer> copies = new HashMap<>();
        for (EventType<?> type : EventType.ALL) {
            List<? extends SpecificRecord> events = readWhole(platform, topics.event(type));
            events.forEach(e -> copies.merge(((GenericRecord) e).get("eventId").toString(), 1, Integer::sum));
            if (EventType.INDICATOR_INPUTS.contains(type)) {
                inputs.addAll(events);
            }
        }
        return new EventTopics(inputs, copies);
    }

    private static <V extends SpecificRecord> List<V> readWhole(LocalPlatform platform, Topic<String, V> topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<V> events = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> events.add(r.value()));
            }
            return events;
        }
    }
}
