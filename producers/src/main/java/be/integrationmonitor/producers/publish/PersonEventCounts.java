package be.integrationmonitor.producers.publish;

import be.integrationmonitor.events.PersonLimits;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How many events each person (personRef) has had accepted, so that the edge refuses the event
 * that would take a person beyond {@code im.person.max-events}: the engine's cap on a person's
 * timeline (docs/engine.md, poison pills), which keeps it far below Kafka's record size. Each
 * acceptance writes the person's new count to a compact+delete topic whose retention is
 * {@code im.person.window}; every instance reads it before it serves and then follows it, so a
 * restarted instance knows the counts of persons with an event accepted within the window. At most
 * {@code im.person.max-entries} persons are kept in memory. A person forgotten (evicted, or
 * inactive beyond the window), events accepted at the same moment by two instances, or an old
 * event re-sent after the duplicate window make this count differ from the engine's: the edge is a
 * courtesy per instance, the engine's dead-letter is the guarantee.
 */
@ApplicationScoped
@Startup
public class PersonEventCounts {

    private static final Logger LOG = Logger.getLogger(PersonEventCounts.class);

    /** Events acknowledged by Kafka, and events sent whose acknowledgement is awaited. */
    private record Count(int accepted, int sending) {

        static final Count NONE = new Count(0, 0);

        Count settled(boolean written) {
            return new Count(written ? accepted + 1 : accepted, Math.max(0, sending - 1));
        }
    }

    private final int maxEvents;
    /** personRef (as a 128-bit digest) → its count. */
    private final Cache<UUID, Count> counts;
    private final SharedTopic topic;

    public PersonEventCounts(KafkaSettings kafka,
                             @ConfigProperty(name = "im.person.max-events", defaultValue = "" + PersonLimits.MAX_EVENTS) int maxEvents,
                             @ConfigProperty(name = "im.person.topic") String topic,
                             @ConfigProperty(name = "im.person.window") Duration window,
                             @ConfigProperty(name = "im.person.partitions") int partitions,
                             @ConfigProperty(name = "im.person.replication-factor") short replicationFactor,
                             @ConfigProperty(name = "im.person.max-entries") long maxEntries) {
        this.maxEvents = maxEvents;
        this.counts = Caffeine.newBuilder().maximumSize(maxEntries).build();
        this.topic = new SharedTopic(kafka, topic, partitions, replicationFactor, window, this::learn,
                () -> { }); // nothing to tidy: only the bound evicts counts
        LOG.infof("events per person: at most %d; counts of %d persons loaded from %s", maxEvents, size(), topic);
    }

    /** The most events one person may have. */
    public int maxEvents() {
        return maxEvents;
    }

    /**
     * Counts one more event of the person as being sent, unless the person already has
     * {@link #maxEvents()} accepted or being sent: then false, and the event must not be published.
     */
    public boolean admit(String personRef) {
        boolean[] admitted = {false};
        counts.asMap().compute(SharedTopic.digest(personRef), (key, count) -> {
            Count now = count == null ? Count.NONE : count;
            admitted[0] = now.accepted() + now.sending() < maxEvents;
            return admitted[0] ? new Count(now.accepted(), now.sending() + 1) : now;
        });
        return admitted[0];
    }

    /** An admitted event Kafka acknowledged: counted, and the new count shared with other instances. */
    public void accepted(String personRef) {
        Count now = counts.asMap().merge(SharedTopic.digest(personRef), Count.NONE.settled(true),
                (count, ignored) -> count.settled(true));
        topic.write(personRef, String.valueOf(now.accepted()),
                "another instance or a restart may accept one event too many for this person");
    }

    /** An admitted event that was not written: it does not count. */
    public void notWritten(String personRef) {
        counts.asMap().computeIfPresent(SharedTopic.digest(personRef), (key, count) -> count.settled(false));
    }

    /** How many persons are kept now. */
    long size() {
        counts.cleanUp();
        return counts.estimatedSize();
    }

    /** Another instance's count, or this one's read back: the larger count wins. */
    private void learn(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            return;
        }
        int accepted;
        try {
            accepted = Integer.parseInt(record.value());
        } catch (NumberFormatException e) {
            return; // not a count: nothing to learn
        }
        counts.asMap().merge(SharedTopic.digest(record.key()), new Count(accepted, 0),
                (count, learnt) -> learnt.accepted() > count.accepted() ? new Count(learnt.accepted(), count.sending()) : count);
    }

    @PreDestroy
    void close() {
        topic.close();
    }
}
