package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.events.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies every event topic of one input version to the next, record by record (same partition,
 * key and value bytes, headers, timestamp), except the records of erased persons. It runs in its
 * own thread and keeps copying what arrives in the old topics, so that the new generation reading
 * the new topics stays close to the producers' writes, until {@link #finish} gives the offsets to
 * stop at: the old topics' ends once no producer writes to them any more.
 */
final class EventCopy implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    /** The new version's topic of each old one. */
    private final Map<String, String> targets = new HashMap<>();
    private final Set<String> erased;
    private final List<TopicPartition> partitions;
    private final Thread thread;
    private final AtomicLong copied = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    /** Where it has read up to, after each poll. */
    private volatile Map<TopicPartition, Long> positions;
    private volatile Map<TopicPartition, Long> stopAt;
    private volatile boolean closing;

    /** @param erased the pseudonyms whose records are not copied */
    EventCopy(Map<String, Object> settings, int from, int to, Set<String> erased) {
        Map<String, Object> consumerConfig = new HashMap<>(settings);
        consumerConfig.keySet().removeIf(key -> !ConsumerConfig.configNames().contains(key));
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> producerConfig = new HashMap<>(settings);
        producerConfig.keySet().removeIf(key -> !ProducerConfig.configNames().contains(key));
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        this.producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        EventType.ALL.forEach(type -> targets.put(type.topic(from), type.topic(to)));
        this.erased = Set.copyOf(erased);
        this.partitions = targets.keySet().stream().flatMap(topic -> consumer.partitionsFor(topic).stream())
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.positions = positionsNow();
        this.thread = new Thread(this::copy, "event-copy");
    }

    void start() {
        thread.start();
    }

    /** Records copied so far. */
    long copied() {
        return copied.get();
    }

    /** Records of erased persons left out so far. */
    long dropped() {
        return dropped.get();
    }

    /** Whether it has read every old topic up to these offsets (its position, not yet written). */
    boolean reached(Map<TopicPartition, Long> ends) throws Exception {
        rethrow();
        return positions.entrySet().stream().allMatch(e -> e.getValue() >= ends.getOrDefault(e.getKey(), 0L));
    }

    private Map<TopicPartition, Long> positionsNow() {
        Map<TopicPartition, Long> now = new HashMap<>();
        partitions.forEach(p -> now.put(p, consumer.position(p)));
        return now;
    }

    /** Copies up to these offsets of the old topics, then stops; returns once every copy is written. */
    void finish(Map<TopicPartition, Long> ends) throws Exception {
        stopAt = Map.copyOf(ends);
        thread.join();
        rethrow();
    }

    private void copy() {
        try {
            while (!closing) {
                Map<TopicPartition, Long> stop = stopAt;
                if (stop != null && partitions.stream().allMatch(p -> consumer.position(p) >= stop.getOrDefault(p, 0L))) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && erased.contains(new String(record.key(), StandardCharsets.UTF_8))) {
                        dropped.incrementAndGet();
                        continue;
                    }
                    producer.send(new ProducerRecord<>(targets.get(record.topic()),
                            record.partition(), record.timestamp(), record.key(), record.value(), record.headers()),
                            (metadata, error) -> {
                                if (error != null) {
                                    failure.compareAndSet(null, error);
                                }
                            });
                    copied.incrementAndGet();
                }
                positions = positionsNow();
            }
            producer.flush();
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    private void rethrow() throws Exception {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("copying the event topics failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        thread.join(Duration.ofSeconds(10).toMillis());
        consumer.close();
        producer.close();
    }
}
