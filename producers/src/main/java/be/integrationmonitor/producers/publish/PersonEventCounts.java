package be.integrationmonitor.producers.publish;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.events.PersonLimits;
import be.integrationmonitor.topics.Topics;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How many events each person (personRef) has, so that the edge refuses the event that would take
 * a person beyond {@code im.person.max-events}: the engine's cap on a timeline (docs/engine.md),
 * which keeps it far below Kafka's record size.
 *
 * <p>The counts are rebuilt from the system of record and kept nowhere else: every instance reads
 * the keys of the event topics of the input version the producers write, from the start, before it
 * serves, then follows them, so it counts every instance's events and a restart loses nothing. An
 * erased person is not counted (the {@code erasures} topic is followed too), and a purge, which moves
 * the producers to topics without the erased persons' records, makes the counts start again from
 * those. A person's count is what the topics hold, plus what this instance is sending, plus what it
 * wrote that the follower has not read yet (by position, so nothing is counted twice). Events
 * accepted at the same moment by two instances may take a person one or two beyond the cap: the
 * engine's dead-letter is the guarantee. At most {@code im.person.max-entries} persons are kept
 * (least used out).
 */
@ApplicationScoped
@Startup
public class PersonEventCounts implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PersonEventCounts.class);

    private record Written(TopicPartition partition, long offset) {
    }

    /** One person: records read from the topics, events being sent here, events written here not read yet. */
    private record Count(int read, int sending, List<Written> unread) {

        static final Count NONE = new Count(0, 0, List.of());

        int total() {
            return read + sending + unread.size();
        }

        Count withSending(int delta) {
            return new Count(read, Math.max(0, sending + delta), unread);
        }

        Count withUnread(Written written) {
            List<Written> more = new ArrayList<>(unread);
            more.add(written);
            return new Count(read, Math.max(0, sending - 1), List.copyOf(more));
        }

        Count withRead(TopicPartition partition, long offset) {
            return new Count(read + 1, sending, unread.stream()
                    .filter(w -> !(w.partition().equals(partition) && w.offset() <= offset)).toList());
        }
    }

    private final int maxEvents;
    private final IntSupplier writingVersion;
    private final Duration loadTimeout;
    /** personRef (as a 128-bit digest) → its count. */
    private final Cache<UUID, Count> counts;
    /** Persons erased: never counted. Digests, in memory only. */
    private final Set<UUID> erased = ConcurrentHashMap.newKeySet();
    /** The next offset the follower reads, per event-topic partition; updated under the person's lock. */
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final Thread follower;
    private volatile boolean running = true;

    @Inject
    public PersonEventCounts(KafkaSettings kafka, EventPublisher publisher,
                             @ConfigProperty(name = "im.person.max-events", defaultValue = "" + PersonLimits.MAX_EVENTS) int maxEvents,
                             @ConfigProperty(name = "im.person.max-entries") long maxEntries,
                             @ConfigProperty(name = "im.person.load-timeout") Duration loadTimeout) {
        this(kafka, publisher::version, maxEvents, maxEntries, loadTimeout);
    }

    PersonEventCounts(KafkaSettings kafka, IntSupplier writingVersion, int maxEvents, long maxEntries, Duration loadTimeout) {
        this.maxEvents = maxEvents;
        this.writingVersion = writingVersion;
        this.loadTimeout = loadTimeout;
        this.counts = Caffeine.newBuilder().maximumSize(maxEntries).build();
        Map<String, Object> config = kafka.groupLessConsumer();
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // reads back what the producers write: in batches, not one fetch per record sent (this
        // instance's own events count from their acknowledgement meanwhile)
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.follower = new Thread(this::follow, "person-event-counts");
        follower.setDaemon(true);
        follower.start();
        try {
            if (!loaded.await(loadTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("could not read the event topics within " + loadTimeout
                        + " (im.person.load-timeout) to count the events per person");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        LOG.infof("events per person: at most %d; %d persons counted from the event topics", maxEvents, size());
    }

    /** The most events one person may have. */
    public int maxEvents() {
        return maxEvents;
    }

    /**
     * Counts one more event of the person as being sent, unless the person already has
     * {@link #maxEvents()}: then false, and the event must not be published.
     */
    public boolean admit(String personRef) {
        boolean[] admitted = {false};
        counts.asMap().compute(SeenEventIds.key(personRef), (key, count) -> {
            Count now = count == null ? Count.NONE : count;
            admitted[0] = now.total() < maxEvents;
            return admitted[0] ? now.withSending(1) : now;
        });
        return admitted[0];
    }

    /** An admitted event Kafka wrote there: counted until the follower reads it, unless it already has. */
    public void written(String personRef, RecordMetadata metadata) {
        counts.asMap().computeIfPresent(SeenEventIds.key(personRef), (key, count) -> readUpTo(metadata)
                ? count.withSending(-1)
                : count.withUnread(new Written(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset())));
    }

    /** An admitted event that was not written: it does not count. */
    public void notWritten(String personRef) {
        counts.asMap().computeIfPresent(SeenEventIds.key(personRef), (key, count) -> count.withSending(-1));
    }

    /** Whether the follower has read the record written there. */
    boolean readUpTo(RecordMetadata metadata) {
        return positions.getOrDefault(new TopicPartition(metadata.topic(), metadata.partition()), 0L) > metadata.offset();
    }

    /** How many persons are kept now. */
    long size() {
        counts.cleanUp();
        return counts.estimatedSize();
    }

    private void follow() {
        try {
            int version = -1;
            Map<TopicPartition, Long> end = Map.of();
            while (running) {
                if (version != writingVersion.getAsInt()) {
                    version = writingVersion.getAsInt();
                    end = readFromStart(version);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key() != null) {
                        count(record);
                    }
                }
                if (loaded.getCount() > 0 && end.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    loaded.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf("stopped counting events per person (%s): the engine's cap still holds", e.getClass().getSimpleName());
        } finally {
            consumer.close();
        }
    }

    /** Starts again on a version's event topics: what was read of the previous version no longer counts. */
    private Map<TopicPartition, Long> readFromStart(int version) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (EventType<?> type : EventType.ALL) {
            consumer.partitionsFor(type.topic(version), loadTimeout).forEach(p ->
                    partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.partitionsFor(Topics.ERASURES, loadTimeout).forEach(p ->
                partitions.add(new TopicPartition(p.topic(), p.partition())));
        positions.clear();
        counts.asMap().replaceAll((key, count) -> new Count(0, count.sending(), List.of()));
        counts.asMap().values().removeIf(count -> count.total() == 0);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        LOG.infof("counting events per person in input version %d of the event topics", version);
        return Map.copyOf(consumer.endOffsets(partitions));
    }

    private void count(ConsumerRecord<String, byte[]> record) {
        UUID person = SeenEventIds.key(record.key());
        if (record.topic().equals(Topics.ERASURES)) {
            erased.add(person);
            counts.invalidate(person);
            return;
        }
        if (erased.contains(person)) {
            return;
        }
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        counts.asMap().compute(person, (key, count) -> {
            positions.put(partition, record.offset() + 1);
            return (count == null ? Count.NONE : count).withRead(partition, record.offset());
        });
    }

    @PreDestroy
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
