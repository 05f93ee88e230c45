package be.integrationmonitor.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.events.ProtectionStatus;
import be.integrationmonitor.events.ProtectionStatusChanged;
import be.integrationmonitor.events.Sex;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.registry.RegistryHealth;
import be.integrationmonitor.streams.topology.IndicatorTopology;
import be.integrationmonitor.topics.Topic;
import be.integrationmonitor.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.generic.GenericRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A schema registry outage is waited out: events whose schema the engine has not fetched yet
 * arrive while the registry is down; none goes to {@code dead-letter}, the engine stays alive and
 * reports the outage, and once the registry is back every event counts.
 */
class RegistryOutageTest {

    private static final String CELL = "protected_persons/month/21004/2024-03";

    @Test
    void validEventsWaitForTheRegistryInsteadOfBeingDeadLettered() throws Exception {
        try (LocalPlatform platform = LocalPlatform.start(LocalPlatform.Settings.ephemeral())) {
            Topics topics = new Topics(platform.registry());
            Topic<String, ProtectionStatusChanged> events = topics.event(EventType.PROTECTION_STATUS_CHANGED);
            // serialised (and their schema registered) before the outage; the engine has not read them
            List<byte[]> values = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                values.add(events.valueSerde().serializer().serialize(events.name(), granted("outage-" + i)));
            }

            Generation generation = Generation.start(1, IndicatorTopology.build(topics, 0, topics.indicators(1),
                    Clock.systemUTC(), Duration.ofMillis(200)), settings(platform), new SimpleMeterRegistry());
            try {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> generation.state() == KafkaStreams.State.RUNNING);
                platform.killRegistry();
                send(platform, events.name(), values);

                // longer than a record's patience: the stream thread is replaced, not the record dead-lettered
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> RegistryHealth.unreachableSince().isPresent());
                Thread.sleep(Duration.ofSeconds(30).toMillis());
                assertThat(generation.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
                assertThat(RegistryHealth.unreachableSince()).isPresent();
                assertThat(count(platform, Topics.DEAD_LETTER)).isZero();

                platform.restartRegistry();
                Awaitility.await().atMost(Duration.ofSeconds(90)).until(() ->
                        Double.valueOf(4.0).equals(cells(platform).get(CELL)));
                assertThat(RegistryHealth.unreachableSince()).isEmpty();
                assertThat(count(platform, Topics.DEAD_LETTER)).isZero();
            } finally {
                generation.retire();
            }
        }
    }

    private static Properties settings(LocalPlatform platform) throws Exception {
        Properties settings = new Properties();
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        settings.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("im-outage-state").toString());
        settings.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
        settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        settings.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, RegistryOutageHandler.class.getName());
        settings.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTER);
        return settings;
    }

    private static void send(LocalPlatform platform, String topic, List<byte[]> values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic, ("outage-" + i).getBytes(), values.get(i))).get();
            }
        }
    }

    /** Offsets written to the topic: 0 while nothing (not even an aborted transaction) was ever written. */
    private static long count(LocalPlatform platform, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(platform, new ByteArrayDeserializer())) {
            return consumer.endOffsets(partitions(consumer, topic)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The generation's output, read whole with the registry (its schema is in the registry's database). */
    private static Map<String, Double> cells(LocalPlatform platform) {
        Map<String, Double> cells = new HashMap<>();
        try (KafkaConsumer<byte[], GenericRecord> consumer = consumer(platform,
                new Topics(platform.registry()).genericDeserializer(Duration.ofSeconds(5)))) {
            List<TopicPartition> partitions = partitions(consumer, Generations.outputTopic(1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> cells.put(new String(r.key(), StandardCharsets.UTF_8),
                        ((Number) r.value().get("value")).doubleValue()));
            }
        }
        return cells;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static <V> KafkaConsumer<byte[], V> consumer(LocalPlatform platform, Deserializer<V> values) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), values);
    }

    private static ProtectionStatusChanged granted(String person) {
        return ProtectionStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString())
                .setPartnerId("immigration-office").setPersonRef(person).setEffectiveDate(LocalDate.of(2024, 3, 4))
                .setRecordedAt(Instant.parse("2024-03-04T09:00:00Z")).setMunicipality("21004")
                .setStatus(ProtectionStatus.GRANTED).setBirthYear(1990).setSex(Sex.M).setUnaccompaniedMinor(false)
                .build();
    }
}
