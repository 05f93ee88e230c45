package be.integrationmonitor.producers.publish;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.topics.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Counts of events per person on the real broker, rebuilt from the event topics alone: what is
 * there at start, what another instance writes, what this one writes (counted once), erasures.
 */
class PersonEventCountsTest {

    private static final String TOPIC = EventType.ALL.get(0).topic(0);
    private static final KafkaSettings KAFKA =
            new KafkaSettings(Map.of("bootstrap.servers", LocalPlatform.shared().bootstrapServers()));
    private static final KafkaProducer<String, byte[]> WRITER = new KafkaProducer<>(
            Map.of("bootstrap.servers", LocalPlatform.shared().bootstrapServers()), new StringSerializer(),
            new ByteArraySerializer());

    @AfterAll
    static void close() {
        WRITER.close();
    }

    @Test
    void aStartingInstanceCountsWhatTheEventTopicsHold() throws Exception {
        String person = person();
        writeEvents(person, 3);
        try (PersonEventCounts counts = counts(3)) {
            assertThat(counts.admit(person)).as("3 events in the topics").isFalse();
            assertThat(counts.admit(person())).as("another person").isTrue();
        }
    }

    @Test
    void anotherInstancesEventsCount() throws Exception {
        try (PersonEventCounts counts = counts(3)) {
            String person = person();
            assertThat(atCap(counts, person)).isFalse();
            writeEvents(person, 3);
            waitUntil(() -> atCap(counts, person));
        }
    }

    /** Before its record is read back an event counts as written here, after it as read: once either way. */
    @Test
    void anEventWrittenHereCountsOnceBeforeAndAfterItIsReadBack() throws Exception {
        try (PersonEventCounts counts = counts(4)) {
            String person = person();
            RecordMetadata last = null;
            for (int i = 0; i < 3; i++) {
                assertThat(counts.admit(person)).isTrue();
                last = writeEvents(person, 1);
                counts.written(person, last);
            }
            RecordMetadata lastWritten = last;
            waitUntil(() -> counts.readUpTo(lastWritten));
            assertThat(counts.admit(person)).as("3 counted, the 4th admitted").isTrue();
            assertThat(counts.admit(person)).as("the 5th").isFalse();
            counts.notWritten(person);
            assertThat(counts.admit(person)).as("the 4th was not written").isTrue();
        }
    }

    @Test
    void anErasedPersonIsNotCounted() throws Exception {
        String person = person();
        writeEvents(person, 3);
        WRITER.send(new ProducerRecord<>(Topics.ERASURES, person, "erase".getBytes())).get();
        try (PersonEventCounts counts = counts(3)) {
            assertThat(counts.admit(person)).isTrue();
        }
    }

    /** Whether the person is at the cap; asking admits nothing. */
    private static boolean atCap(PersonEventCounts counts, String person) {
        boolean admitted = counts.admit(person);
        if (admitted) {
            counts.notWritten(person);
        }
        return !admitted;
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String person() {
        return "person-" + UUID.randomUUID();
    }

    private static PersonEventCounts counts(int cap) {
        return new PersonEventCounts(KAFKA, () -> 0, cap, 1_000, Duration.ofMinutes(1));
    }

    private static RecordMetadata writeEvents(String person, int events) throws ExecutionException, InterruptedException {
        RecordMetadata last = null;
        for (int i = 0; i < events; i++) {
            last = WRITER.send(new ProducerRecord<>(TOPIC, person, new byte[] {1})).get();
        }
        return last;
    }
}
