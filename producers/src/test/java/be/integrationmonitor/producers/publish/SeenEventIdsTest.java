package be.integrationmonitor.producers.publish;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.platform.LocalPlatform;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The duplicate set on the real broker: per partner, and bounded whatever was accepted before a start. */
class SeenEventIdsTest {

    private static final Duration WINDOW = Duration.ofDays(30);

    @Test
    void anEventIdOfOnePartnerIsNotADuplicateForAnother() {
        try (Instance seen = new Instance("seen-" + UUID.randomUUID(), 10_000)) {
            String eventId = UUID.randomUUID().toString();
            seen.ids.add("immigration-office", eventId, "ProtectionStatusChanged");
            assertThat(seen.ids.contains("immigration-office", eventId)).isTrue();
            assertThat(seen.ids.contains("ocmw-44021", eventId)).isFalse();
        }
    }

    /** Before: one entry per id ever accepted in the window, loaded whole at each start. */
    @Test
    void aBulkPushKeepsNoMoreThanTheBoundInMemoryAlsoAfterARestart() throws InterruptedException {
        String topic = "seen-" + UUID.randomUUID();
        try (Instance seen = new Instance(topic, 100)) {
            for (int i = 0; i < 2_000; i++) {
                seen.ids.add("immigration-office", UUID.randomUUID().toString(), "ProtectionStatusChanged");
            }
            // the follower reads the 2,000 back meanwhile: the bound holds once it has (Caffeine
            // evicts after each write, so between two writes the set may hold a few more)
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (seen.ids.size() > 100 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(seen.ids.size()).isLessThanOrEqualTo(100);
        }
        try (Instance restarted = new Instance(topic, 100)) {
            // the constructor returns once the topic is read: 2,000 records read, at most 100 kept
            assertThat(restarted.ids.size()).isBetween(1L, 100L);
        }
    }

    private static final class Instance implements AutoCloseable {
        final SeenEventIds ids;

        Instance(String topic, long maxEntries) {
            KafkaSettings kafka = new KafkaSettings(Map.of("bootstrap.servers", LocalPlatform.shared().bootstrapServers()));
            ids = new SeenEventIds(kafka, topic, WINDOW, 1, (short) 1, maxEntries);
        }

        @Override
        public void close() {
            ids.close();
        }
    }
}
