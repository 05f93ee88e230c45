package be.integrationmonitor.producers.publish;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The eventIds each partner had accepted during the last {@code im.dedupe.window} (default 30
 * days), by any producer instance: keyed by (partner, eventId), so that no partner can pre-empt
 * another's ids. Each accepted one is written to a compact+delete topic whose retention is the
 * window; every instance reads that topic from the start before it serves, then follows it, so the
 * set survives restarts and is shared by instances (within the follow delay, ~100 ms). At most
 * {@code im.dedupe.max-entries} are kept in memory, the oldest dropped first, so that a bulk push
 * cannot exhaust the heap of every instance at its next start. A re-send older than the window,
 * or dropped, is published again and left to the engine, which counts each eventId once.
 */
@ApplicationScoped
@Startup
public class SeenEventIds {

    private static final Logger LOG = Logger.getLogger(SeenEventIds.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(2);
    private static final String KEY_SEPARATOR = "/";
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private final String topic;
    private final long windowMillis;
    private final Clock clock = Clock.systemUTC();
    /** (partner, eventId) → when it was accepted (epoch ms); keys as 128-bit digests, see {@link #key}. */
    private final Cache<UUID, Long> seen;
    private final Producer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final Thread follower;
    private volatile boolean running = true;

    public SeenEventIds(KafkaSettings kafka,
                        @ConfigProperty(name = "im.dedupe.topic") String topic,
                        @ConfigProperty(name = "im.dedupe.window") Duration window,
                        @ConfigProperty(name = "im.dedupe.partitions") int partitions,
                        @ConfigProperty(name = "im.dedupe.replication-factor") short replicationFactor,
                        @ConfigProperty(name = "im.dedupe.max-entries") long maxEntries) {
        this.topic = topic;
        this.windowMillis = window.toMillis();
        this.seen = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(window).build();
        createTopicIfMissing(kafka, partitions, replicationFactor);
        this.producer = new KafkaProducer<>(kafka.producer(), new StringSerializer(), new StringSerializer());
        this.consumer = new KafkaConsumer<>(kafka.groupLessConsumer(), new StringDeserializer(), new StringDeserializer());
        this.follower = new Thread(this::follow, "seen-event-ids");
        follower.setDaemon(true);
        follower.start();
        try {
            if (!loaded.await(LOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("could not read topic " + topic + " within " + LOAD_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        LOG.infof("duplicate detection: %d eventIds of the last %s loaded from %s", size(), window, topic);
    }

    /** How many (partner, eventId) pairs are kept now. */
    long size() {
        seen.cleanUp();
        return seen.estimatedSize();
    }

    public boolean contains(String partnerId, String eventId) {
        Long at = seen.getIfPresent(key(partnerId + KEY_SEPARATOR + eventId));
        return at != null && at > clock.millis() - windowMillis;
    }

    /** Remembers an eventId Kafka has acknowledged; its record for other instances is written asynchronously. */
    public void add(String partnerId, String eventId, String eventType) {
        String key = partnerId + KEY_SEPARATOR + eventId;
        seen.put(key(key), clock.millis());
        producer.send(new ProducerRecord<>(topic, key, eventType), (metadata, error) -> {
            if (error != null) {
                LOG.warnf("eventId not recorded for other instances (%s): a re-send may be published again",
                        error.getClass().getSimpleName());
            }
        });
    }

    private void follow() {
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long lastSweep = clock.millis();
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    // keys of older versions (an eventId alone) name no partner: they match nothing
                    seen.asMap().merge(key(record.key()), record.timestamp(), Math::max);
                }
                if (loaded.getCount() > 0 && end.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    loaded.countDown();
                }
                if (clock.millis() - lastSweep > Duration.ofMinutes(1).toMillis()) {
                    long oldest = clock.millis() - windowMillis;
                    seen.asMap().values().removeIf(at -> at <= oldest);
                    lastSweep = clock.millis();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.errorf("stopped following %s: %s", topic, e.getClass().getSimpleName());
        } finally {
            consumer.close();
        }
    }

    /**
     * 128 bits of SHA-256 of the record key {@code partner/eventId}: half the memory of the string,
     * and no partner can choose an eventId whose key is another partner's.
     */
    static UUID key(String recordKey) {
        ByteBuffer digest = ByteBuffer.wrap(SHA256.get().digest(recordKey.getBytes(StandardCharsets.UTF_8)));
        return new UUID(digest.getLong(), digest.getLong());
    }

    /** The topic's partitions; right after the topic was created they may take a moment to be known. */
    private List<TopicPartition> partitions() {
        long deadline = clock.millis() + LOAD_TIMEOUT.toMillis();
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (!partitions.isEmpty() || clock.millis() > deadline) {
                return partitions;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return partitions;
            }
        }
    }

    private void createTopicIfMissing(KafkaSettings kafka, int partitions, short replicationFactor) {
        try (Admin admin = Admin.create(kafka.admin())) {
            Set<String> existing = admin.listTopics().names().get(LOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!existing.contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor).configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + ","
                                + TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, String.valueOf(windowMillis)))))
                        .all().get(LOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + topic, e);
            }
        }
    }

    @PreDestroy
    void close() {
        running = false;
        consumer.wakeup();
        producer.close();
    }
}
