package be.integrationmonitor.producers.publish;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.platform.LocalPlatform;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Counts of events per person on the real broker: kept across a restart, bounded in memory, in flight included. */
class PersonEventCountsTest {

    private static final int CAP = 3;

    @Test
    void aRestartedInstanceKnowsThePersonsCount() {
        String topic = "persons-" + UUID.randomUUID();
        String person = "person-" + UUID.randomUUID();
        try (Instance counts = new Instance(topic, 1_000)) {
            for (int i = 0; i < CAP; i++) {
                assertThat(counts.persons.admit(person)).isTrue();
                counts.persons.accepted(person);
            }
            assertThat(counts.persons.admit(person)).isFalse();
        }
        try (Instance restarted = new Instance(topic, 1_000)) {
            // the constructor returns once the topic is read
            assertThat(restarted.persons.admit(person)).as("known after the restart").isFalse();
            assertThat(restarted.persons.admit("person-" + UUID.randomUUID())).as("another person").isTrue();
        }
    }

    @Test
    void eventsAwaitingTheirAcknowledgementCountAndThoseNotWrittenDoNot() {
        try (Instance counts = new Instance("persons-" + UUID.randomUUID(), 1_000)) {
            String person = "person-" + UUID.randomUUID();
            for (int i = 0; i < CAP; i++) {
                assertThat(counts.persons.admit(person)).isTrue();
            }
            assertThat(counts.persons.admit(person)).as("three in flight").isFalse();
            counts.persons.notWritten(person);
            assertThat(counts.persons.admit(person)).as("one was not written").isTrue();
        }
    }

    @Test
    void noMoreThanTheBoundIsKeptAlsoAfterARestart() {
        String topic = "persons-" + UUID.randomUUID();
        try (Instance counts = new Instance(topic, 100)) {
            for (int i = 0; i < 2_000; i++) {
                String person = "person-" + UUID.randomUUID();
                counts.persons.admit(person);
                counts.persons.accepted(person);
            }
            assertThat(counts.persons.size()).isLessThanOrEqualTo(100);
        }
        try (Instance restarted = new Instance(topic, 100)) {
            assertThat(restarted.persons.size()).isBetween(1L, 100L);
        }
    }

    private static final class Instance implements AutoCloseable {
        final PersonEventCounts persons;

        Instance(String topic, long maxEntries) {
            KafkaSettings kafka = new KafkaSettings(Map.of("bootstrap.servers", LocalPlatform.shared().bootstrapServers()));
            persons = new PersonEventCounts(kafka, CAP, topic, Duration.ofDays(365), 1, (short) 1, maxEntries);
        }

        @Override
        public void close() {
            persons.close();
        }
    }
}
