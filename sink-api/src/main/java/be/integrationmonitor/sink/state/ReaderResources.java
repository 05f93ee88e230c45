package be.integrationmonitor.sink.state;

import io.micrometer.core.instrument.Counter;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What every {@link TopicReader} of the feed shares for the life of the process: the consumer
 * settings, one value deserializer (so its schema cache outlives the consumers that the feed closes
 * and reopens after a fault), and the count of records skipped as unreadable.
 */
final class ReaderResources implements AutoCloseable {

    private final Map<String, Object> consumer;
    private final Deserializer<GenericRecord> values;
    private final Counter unreadable;

    /** @param kafka client settings; the consumer reads all partitions itself, without a group */
    ReaderResources(Map<String, Object> kafka, Deserializer<GenericRecord> values, Counter unreadable) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.keySet().removeIf(key -> !ConsumerConfig.configNames().contains(key));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = Map.copyOf(config);
        this.values = values;
        this.unreadable = unreadable;
    }

    KafkaConsumer<String, GenericRecord> newConsumer() {
        return new KafkaConsumer<>(consumer, new StringDeserializer(), new KeptOpen(values));
    }

    void countUnreadable() {
        unreadable.increment();
    }

    long unreadable() {
        return (long) unreadable.count();
    }

    @Override
    public void close() {
        values.close();
    }

    /** The shared deserializer as a consumer sees it: closing the consumer must not close it. */
    private record KeptOpen(Deserializer<GenericRecord> values) implements Deserializer<GenericRecord> {

        @Override
        public GenericRecord deserialize(String topic, byte[] data) {
            return values.deserialize(topic, data);
        }

        @Override
        public GenericRecord deserialize(String topic, Headers headers, byte[] data) {
            return values.deserialize(topic, headers, data);
        }

        @Override
        public void close() {
            // closed once, with the feed
        }
    }
}
