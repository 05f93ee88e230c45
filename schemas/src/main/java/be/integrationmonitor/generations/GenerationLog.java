package be.integrationmonitor.generations;

import be.integrationmonitor.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and follows the {@code generations} topic (one partition, compacted, key {@code engine}).
 * Its last record is the desired state; the engine, the sink API and the producers follow it, the
 * operator's replay and purge write it. Before any record, {@link Generations#INITIAL} holds. The
 * operator tool keeps its own records there under other keys (one per purge), which followers skip.
 */
public final class GenerationLog implements AutoCloseable {

    static final String KEY = "engine";
    private static final TopicPartition PARTITION = new TopicPartition(Topics.GENERATIONS, 0);

    private final KafkaConsumer<String, String> consumer;
    private Generations latest = Generations.INITIAL;
    private final Map<String, String> others = new TreeMap<>();

    /** @param kafka client settings: bootstrap servers and, on a secured cluster, security settings */
    public GenerationLog(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.keySet().removeIf(key -> !ConsumerConfig.configNames().contains(key));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        consumer.assign(List.of(PARTITION));
        consumer.seekToBeginning(List.of(PARTITION));
    }

    /** Reads up to the end of the log as it is now: the generations in force. */
    public Generations readToEnd() {
        long end = consumer.endOffsets(List.of(PARTITION)).get(PARTITION);
        while (consumer.position(PARTITION) < end) {
            poll(Duration.ofMillis(200));
        }
        return latest;
    }

    /** Waits up to {@code timeout} for new records; returns the latest state. */
    public Generations poll(Duration timeout) {
        for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
            if (KEY.equals(record.key()) && record.value() != null) {
                latest = Generations.parse(record.value());
            } else if (record.key() != null && !KEY.equals(record.key()) && record.value() != null) {
                others.put(record.key(), record.value());
            }
        }
        return latest;
    }

    /** The latest value of every other key read so far (the operator tool's records), by key. */
    public Map<String, String> others() {
        return Map.copyOf(others);
    }

    /** Interrupts a {@link #poll} in progress from another thread. */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** Records a new desired state. */
    public static void append(Map<String, Object> kafka, Generations generations)
            throws ExecutionException, InterruptedException {
        append(kafka, KEY, generations.format());
    }

    /** Records a value under another key than the desired state's (see {@link #others}). */
    public static void append(Map<String, Object> kafka, String key, String value)
            throws ExecutionException, InterruptedException {
        Map<String, Object> config = new HashMap<>(kafka);
        config.keySet().removeIf(name -> !ProducerConfig.configNames().contains(name));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.GENERATIONS, key, value)).get();
        }
    }
}
