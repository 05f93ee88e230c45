package be.integrationmonitor.producers.support;

import be.integrationmonitor.platform.LocalPlatform;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Events, national numbers and raw reads of topics for the producers' tests. */
public final class TestData {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String IMMIGRATION_OFFICE = "dev-immigration-office";
    public static final String OCMW_GENT = "test-ocmw-44021";
    public static final String MUNICIPALITY_BRUSSELS = "test-municipality-21004";
    public static final String FEDASIL = "test-fedasil";
    /** Each test class gets its own numbers, so that scans can tell them apart. */
    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000);

    private TestData() {
    }

    /** A fresh valid national number, born in the 1980s (classic check) or 2000s (variant). */
    public static String nationalNumber(boolean born2000s) {
        long serial = NEXT.incrementAndGet() % 997 + 1;
        long base = (born2000s ? 4 : 85) * 10_000_000L + (1 + NEXT.get() % 12) * 100_000L
                + (1 + NEXT.get() % 28) * 1_000L + serial;
        long check = 97 - ((born2000s ? 2_000_000_000L : 0) + base) % 97;
        return String.format("%09d%02d", base, check);
    }

    /**
     * A valid national number drawn at random (born 1950–1999): for tests that count a person's
     * events across the shared broker, where another class's sequential numbers might meet theirs.
     */
    public static String randomNationalNumber() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long base = random.nextLong(50, 100) * 10_000_000L + random.nextLong(1, 13) * 100_000L
                + random.nextLong(1, 29) * 1_000L + random.nextLong(1, 998);
        return String.format("%09d%02d", base, 97 - base % 97);
    }

    /** The same number in the form partners often write it: 85.07.30-033.28. */
    public static String formatted(String number) {
        return number.substring(0, 2) + "." + number.substring(2, 4) + "." + number.substring(4, 6) + "-"
                + number.substring(6, 9) + "." + number.substring(9);
    }

    public static ObjectNode protection(String nationalNumber, String municipality) {
        return JSON.createObjectNode().put("type", "ProtectionStatusChanged")
                .put("eventId", UUID.randomUUID().toString()).put("nationalNumber", nationalNumber)
                .put("effectiveDate", "2024-03-10").put("municipality", municipality).put("status", "GRANTED")
                .put("birthYear", 1985).put("sex", "F").put("unaccompaniedMinor", false);
    }

    public static ObjectNode housingAid(String nationalNumber, String municipality) {
        return JSON.createObjectNode().put("type", "HousingAidGranted")
                .put("eventId", UUID.randomUUID().toString()).put("nationalNumber", nationalNumber)
                .put("effectiveDate", "2024-03-10").put("municipality", municipality)
                .put("aidType", "RENTAL_GUARANTEE").put("amountCents", 150_000);
    }

    public static String ndjson(List<ObjectNode> events) {
        StringBuilder body = new StringBuilder();
        events.forEach(e -> body.append(e).append('\n'));
        return body.toString();
    }

    /** Every record of a topic, from the beginning to its current end, undecoded. */
    public static List<ConsumerRecord<byte[], byte[]>> records(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", bootstrapServers), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** How many records of the topic hold this text (e.g. an eventId) in their value. */
    public static long countContaining(String topic, String text) {
        return records(LocalPlatform.shared().bootstrapServers(), topic).stream()
                .filter(r -> r.value() != null && new String(r.value(), StandardCharsets.UTF_8).contains(text))
                .count();
    }
}
