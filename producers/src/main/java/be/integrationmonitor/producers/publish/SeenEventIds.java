package be.integrationmonitor.producers.publish;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
    private static final String KEY_SEPARATOR = "/";

    private final long windowMillis;
    private final Clock clock = Clock.systemUTC();
    /** (partner, eventId) → when it was accepted (epoch ms); keys as 128-bit digests ({@link SharedTopic#digest}). */
    private final Cache<UUID, Long> seen;
    private final SharedTopic topic;

    public SeenEventIds(KafkaSettings kafka,
                        @ConfigProperty(name = "im.dedupe.topic") String topic,
                        @ConfigProperty(name = "im.dedupe.window") Duration window,
                        @ConfigProperty(name = "im.dedupe.partitions") int partitions,
                        @ConfigProperty(name = "im.dedupe.replication-factor") short replicationFactor,
                        @ConfigProperty(name = "im.dedupe.max-entries") long maxEntries) {
        this.windowMillis = window.toMillis();
        this.seen = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(window).build();
        this.topic = new SharedTopic(kafka, topic, partitions, replicationFactor, window, this::learn, this::sweep);
        LOG.infof("duplicate detection: %d eventIds of the last %s loaded from %s", size(), window, topic);
    }

    /** How many (partner, eventId) pairs are kept now. */
    long size() {
        seen.cleanUp();
        return seen.estimatedSize();
    }

    public boolean contains(String partnerId, String eventId) {
        Long at = seen.getIfPresent(SharedTopic.digest(partnerId + KEY_SEPARATOR + eventId));
        return at != null && at > clock.millis() - windowMillis;
    }

    /** Remembers an eventId Kafka has acknowledged; its record for other instances is written asynchronously. */
    public void add(String partnerId, String eventId, String eventType) {
        String key = partnerId + KEY_SEPARATOR + eventId;
        seen.put(SharedTopic.digest(key), clock.millis());
        topic.write(key, eventType, "a re-send of this eventId may be published again");
    }

    /** Keeps the latest acceptance of a pair; keys of older versions (an eventId alone) name no partner: they match nothing. */
    private void learn(ConsumerRecord<String, String> record) {
        seen.asMap().merge(SharedTopic.digest(record.key()), record.timestamp(), Math::max);
    }

    /** Drops the pairs whose acceptance, as read from the topic, is older than the window. */
    private void sweep() {
        long oldest = clock.millis() - windowMillis;
        seen.asMap().values().removeIf(at -> at <= oldest);
    }

    @PreDestroy
    void close() {
        topic.close();
    }
}
