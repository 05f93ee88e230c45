package be.integrationmonitor.sink.state;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
 */
final class TopicReader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicReader.class);

    private final String topic;
    private final KafkaConsumer<String, GenericRecord> consumer;
    private final CatchUp catchUp;
    private final Cells cells = new Cells();
    private boolean caughtUp;

    private TopicReader(String topic, KafkaConsumer<String, GenericRecord> consumer, CatchUp catchUp) {
        this.topic = topic;
        this.consumer = consumer;
        this.catchUp = catchUp;
    }

    /** Empty while the topic does not exist yet. */
    static Optional<TopicReader> open(String topic, Map<String, Object> config) {
        KafkaConsumer<String, GenericRecord> consumer = new KafkaConsumer<>(consumerConfig(config));
        List<PartitionInfo> partitions = consumer.partitionsFor(topic);
        if (partitions == null || partitions.isEmpty()) {
            consumer.close();
            return Optional.empty();
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        CatchUp catchUp = new CatchUp(consumer.endOffsets(assigned));
        LOG.infof("reading %s from the beginning, up to %s", topic, catchUp.endOffsets());
        return Optional.of(new TopicReader(topic, consumer, catchUp));
    }

    private static Map<String, Object> consumerConfig(Map<String, Object> config) {
        Map<String, Object> consumer = new HashMap<>(config);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        consumer.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return consumer;
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
                CellValue update = record.value() == null ? CellValue.deleted(record.key()) : CellValue.of(record.value());
                if (!cells.apply(update)) {
                    LOG.warnf("skipped a cell of an unknown geo unit at %s-%d@%d",
                            record.topic(), record.partition(), record.offset());
                }
            }
        } catch (RecordDeserializationException e) {
            LOG.errorf("skipped an unreadable record at %s@%d: %s", e.topicPartition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
        if (!caughtUp && catchUp.reached(consumer::position)) {
            caughtUp = true;
            LOG.infof("caught up with %s: %d cells", topic, cells.count());
        }
        return caughtUp;
    }

    void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
