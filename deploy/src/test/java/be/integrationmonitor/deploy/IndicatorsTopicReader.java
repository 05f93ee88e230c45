package be.integrationmonitor.deploy;

import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.topics.Topics;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * An indicators topic as the sink API sees it (read_committed), read on from where it was left:
 * the latest value of every cell whose key is wanted. Cells over nobody (count 0) are left out:
 * one generation may have written them on the way, another never needed to, and the API answers
 * the same for both.
 */
public final class IndicatorsTopicReader implements AutoCloseable {

    private final String topic;
    private final Predicate<String> wanted;
    private final Function<GenericRecord, String> format;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroKafkaDeserializer<GenericRecord> values = new AvroKafkaDeserializer<>();
    private final Map<String, String> cells = new HashMap<>();
    private List<TopicPartition> partitions;

    /** @param format a cell's value as the test compares it */
    public IndicatorsTopicReader(LocalPlatform platform, String topic, Predicate<String> wanted,
                                 Function<GenericRecord, String> format) {
        this.topic = topic;
        this.wanted = wanted;
        this.format = format;
        Map<String, Object> config = new HashMap<>(new Topics(platform.registry()).serdeConfig());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        values.configure(config, false);
    }

    /** Every cell of a topic, read once, as the records' text. */
    public static Map<String, String> readAll(LocalPlatform platform, String topic) {
        try (IndicatorsTopicReader reader = new IndicatorsTopicReader(platform, topic, key -> true, Object::toString)) {
            return reader.read();
        }
    }

    /** Reads on to the current end; the wanted cells by key. */
    public Map<String, String> read() {
        if (partitions == null) {
            partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                if (!wanted.test(r.key())) {
                    return;
                }
                GenericRecord value = r.value() == null ? null : values.deserialize(r.topic(), r.headers(), r.value());
                if (value == null || ((Number) value.get("count")).longValue() == 0) {
                    cells.remove(r.key());
                } else {
                    cells.put(r.key(), format.apply(value));
                }
            });
        }
        return new TreeMap<>(cells);
    }

    @Override
    public void close() {
        consumer.close();
        values.close();
    }
}
