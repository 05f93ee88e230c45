package be.integrationmonitor.sink.state;

import be.integrationmonitor.registry.RegistryFaults;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.jboss.logging.Logger;

/**
 * Reads one indicators topic into {@link Cells}: all partitions assigned (no consumer group, so
 * every replica is complete), from the beginning, committed records only. Caught up once the
 * end offsets seen when it opened are reached.
 *
 * <p>A reader closed after a fault can be {@link #resume resumed}: a new consumer goes on from the
 * next offset of each partition, into the same cells. No record is passed over silently: a record
 * whose schema cannot be fetched because the registry is away is read again later; a record that
 * is really unreadable is skipped with an error in the log and counted.
 */
final class TopicReader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicReader.class);
    /** poll() says nothing while Kafka is away; asking for the end offsets fails then, so the feed knows. */
    private static final long PROBE_EVERY_NANOS = Duration.ofSeconds(1).toNanos();
    private static final int MAX_REASON = 200;

    private final String topic;
    private final ReaderResources resources;
    private final List<TopicPartition> partitions;
    private final CatchUp catchUp;
    private final Cells cells = new Cells();
    /** By partition number: the offset to read next, -1 before the first record. */
    private final long[] next;
    private KafkaConsumer<String, GenericRecord> consumer;
    private long probedAt;
    /** A record that waits for the schema registry: its partition, or null. */
    private TopicPartition waiting;
    private long waitingOffset;
    private boolean caughtUp;

    private TopicReader(String topic, ReaderResources resources, List<TopicPartition> partitions, CatchUp catchUp,
                        KafkaConsumer<String, GenericRecord> consumer) {
        this.topic = topic;
        this.resources = resources;
        this.partitions = partitions;
        this.catchUp = catchUp;
        this.consumer = consumer;
        this.probedAt = System.nanoTime() - PROBE_EVERY_NANOS;
        this.next = new long[partitions.stream().mapToInt(TopicPartition::partition).max().orElse(-1) + 1];
        Arrays.fill(next, -1);
    }

    /** Empty while the topic does not exist yet. */
    static Optional<TopicReader> open(String topic, ReaderResources resources) {
        KafkaConsumer<String, GenericRecord> consumer = resources.newConsumer();
        try {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic);
            if (partitions == null || partitions.isEmpty()) {
                consumer.close();
                return Optional.empty();
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            CatchUp catchUp = new CatchUp(consumer.endOffsets(assigned));
            LOG.infof("reading %s from the beginning, up to %s", topic, catchUp.endOffsets());
            return Optional.of(new TopicReader(topic, resources, assigned, catchUp, consumer));
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    String topic() {
        return topic;
    }

    Cells cells() {
        return cells;
    }

    /** Reads what has arrived; true once caught up with the end offsets seen at opening. */
    boolean poll(Duration timeout) {
        try {
            for (ConsumerRecord<String, GenericRecord> record : consumer.poll(timeout)) {
                apply(record);
            }
        } catch (RecordDeserializationException e) {
            if (RegistryFaults.isOutage(e)) {
                // a valid record whose schema cannot be fetched now: read it again once the registry answers
                consumer.seek(e.topicPartition(), e.offset());
                next[e.topicPartition().partition()] = e.offset();
                waiting = e.topicPartition();
                waitingOffset = e.offset();
                throw e;
            }
            skip(e.topicPartition().partition(), e.offset(), e);
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
        if (System.nanoTime() - probedAt >= PROBE_EVERY_NANOS) {
            consumer.endOffsets(partitions);
            probedAt = System.nanoTime();
        }
        if (!caughtUp && catchUp.reached(consumer::position)) {
            caughtUp = true;
            LOG.infof("caught up with %s: %d cells", topic, cells.count());
        }
        return caughtUp;
    }

    private void apply(ConsumerRecord<String, GenericRecord> record) {
        try {
            CellValue update = record.value() == null ? CellValue.deleted(record.key()) : CellValue.of(record.value());
            if (!cells.apply(update)) {
                LOG.warnf("skipped a cell of an unknown geo unit at %s-%d@%d",
                        record.topic(), record.partition(), record.offset());
            }
            next[record.partition()] = record.offset() + 1;
        } catch (RuntimeException e) { // Avro that is not an indicator value, or a malformed key
            skip(record.partition(), record.offset(), e);
        }
    }

    /** Passes over a record that no retry can read: never silently. */
    private void skip(int partition, long offset, RuntimeException why) {
        resources.countUnreadable();
        LOG.errorf("skipped an unreadable record at %s-%d@%d: %s", topic, partition, offset, reason(why));
        next[partition] = offset + 1;
    }

    /** The deepest cause's type and message, bounded: never the record's bytes. */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + ": " + root.getMessage();
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "…";
    }

    /** True while a record that could not be read for want of the schema registry is still unread. */
    boolean waitsForRegistry() {
        return waiting != null && next[waiting.partition()] <= waitingOffset;
    }

    /** After {@link #close}: a new consumer goes on where this reader stopped, into the same cells. */
    void resume() {
        if (consumer != null) {
            return;
        }
        consumer = resources.newConsumer();
        consumer.assign(partitions);
        for (TopicPartition partition : partitions) {
            long offset = next[partition.partition()];
            if (offset < 0) {
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        }
        probedAt = System.nanoTime() - PROBE_EVERY_NANOS;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }
}
