package be.integrationmonitor.streams.engine;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.events.ProtectionStatus;
import be.integrationmonitor.events.ProtectionStatusChanged;
import be.integrationmonitor.events.Sex;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.platform.PlatformTestResource;
import be.integrationmonitor.registry.SchemaRegistryClient;
import be.integrationmonitor.topics.Topic;
import be.integrationmonitor.topics.Topics;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The engine as a Quarkus service on the real broker and registry: events in, indicators out,
 * poison pills to the dead-letter topic while processing goes on, health and metrics.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class EngineIntegrationTest {

    private static final LocalPlatform PLATFORM = LocalPlatform.shared();
    private static final String CELL = "protected_persons/month/21004/2024-03";

    @Test
    void computesIndicatorsAndSendsPoisonPillsToTheDeadLetterTopic() throws Exception {
        Topic<String, ProtectionStatusChanged> topic = new Topics(PLATFORM.registry()).event(EventType.PROTECTION_STATUS_CHANGED);
        byte[] garbage = "not an avro record".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, ProtectionStatusChanged> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PLATFORM.bootstrapServers()),
                topic.keySerde().serializer(), topic.valueSerde().serializer());
             KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
                     Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PLATFORM.bootstrapServers()),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic.name(), 0, "engine-" + i, granted("engine-" + i, "21004"))).get();
            }
            raw.send(new ProducerRecord<>(topic.name(), 0, "engine-bad".getBytes(StandardCharsets.UTF_8), garbage)).get();
            producer.send(new ProducerRecord<>(topic.name(), 0, "engine-x", granted("engine-x", "99999"))).get();
            for (int i = 3; i < 6; i++) {
                producer.send(new ProducerRecord<>(topic.name(), 0, "engine-" + i, granted("engine-" + i, "21004"))).get();
            }
        }

        Map<String, Double> indicators = new HashMap<>();
        List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
        try (KafkaConsumer<String, GenericRecord> out = consumer(Generations.outputTopic(1));
             KafkaConsumer<byte[], byte[]> dlq = consumer(Topics.DEAD_LETTER)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                out.poll(Duration.ofMillis(200)).forEach(r -> indicators.put(r.key(), ((Number) r.value().get("value")).doubleValue()));
                dlq.poll(Duration.ofMillis(200)).forEach(deadLetters::add);
                return Double.valueOf(6.0).equals(indicators.get(CELL)) && deadLetters.size() >= 2;
            });
        }
        assertThat(deadLetters).hasSize(2);
        assertThat(deadLetters).anySatisfy(record -> {
            assertThat(record.value()).isEqualTo(garbage);
            assertThat(header(record, "__streams.errors.topic")).isEqualTo(topic.name());
            assertThat(header(record, "__streams.errors.exception")).isNotBlank();
        });
        assertThat(deadLetters).anySatisfy(record ->
                assertThat(header(record, "__streams.errors.message")).contains("not a REFNIS 2025 municipality"));

        // written under the operator's one subject for every generation: the engine registered nothing
        assertThat(new SchemaRegistryClient(PLATFORM.registry()).subjects())
                .noneMatch(subject -> subject.startsWith(Generations.OUTPUT_TOPIC_PREFIX));

        given().when().get("/q/health/ready").then().statusCode(200).body(containsString("RUNNING"));
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("kafka_consumer_fetch_manager_records_lag"))
                .body(containsString("kafka_stream_thread_process_rate"));
    }

    private static ProtectionStatusChanged granted(String person, String municipality) {
        return ProtectionStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString())
                .setPartnerId("immigration-office").setPersonRef(person).setEffectiveDate(LocalDate.of(2024, 3, 4))
                .setRecordedAt(Instant.parse("2024-03-04T09:00:00Z")).setMunicipality(municipality)
                .setStatus(ProtectionStatus.GRANTED).setBirthYear(1990).setSex(Sex.M).setUnaccompaniedMinor(false)
                .build();
    }

    /** Reads a topic from the start: dead letters as raw bytes, the rest as generic Avro. */
    private static <K, V> KafkaConsumer<K, V> consumer(String topic) {
        boolean raw = Topics.DEAD_LETTER.equals(topic);
        Map<String, Object> config = new HashMap<>(new Topics(PLATFORM.registry()).serdeConfig());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, PLATFORM.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "engine-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                (raw ? ByteArrayDeserializer.class : StringDeserializer.class).getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                raw ? ByteArrayDeserializer.class.getName() : AvroKafkaDeserializer.class.getName());
        config.put("apicurio.registry.use-specific-avro-reader", false);
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
