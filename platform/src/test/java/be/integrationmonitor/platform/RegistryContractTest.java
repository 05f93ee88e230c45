package be.integrationmonitor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.events.ProtectionStatus;
import be.integrationmonitor.events.ProtectionStatusChanged;
import be.integrationmonitor.events.Sex;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.registry.SchemaRegistryClient;
import be.integrationmonitor.topics.Topic;
import be.integrationmonitor.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** The schemas and topics against the real broker and registry that the platform starts. */
class RegistryContractTest {

    private static final LocalPlatform PLATFORM = LocalPlatform.shared();
    private final SchemaRegistryClient registry = PLATFORM.operator();

    @Test
    void eventsAreWrittenInTheConfluentWireFormatWithARegistryId() throws Exception {
        Topics topics = new Topics(PLATFORM.registry());
        Topic<String, ProtectionStatusChanged> topic = topics.event(EventType.PROTECTION_STATUS_CHANGED);
        ProtectionStatusChanged event = ProtectionStatusChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setPartnerId("immigration-office")
                .setPersonRef("wire-format-test").setEffectiveDate(LocalDate.of(2023, 4, 3))
                .setRecordedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setMunicipality("21004")
                .setStatus(ProtectionStatus.GRANTED).setBirthYear(1990).setSex(Sex.F).setUnaccompaniedMinor(false)
                .build();
        try (KafkaProducer<String, ProtectionStatusChanged> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PLATFORM.bootstrapServers()),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), 0, event.getPersonRef(), event)).get();
        }

        byte[] value = readFirstValue(topic.name());
        ByteBuffer header = ByteBuffer.wrap(value);
        assertThat(header.get()).as("magic byte").isEqualTo((byte) 0);
        int schemaId = header.getInt();
        assertThat(registry.schemaById(schemaId)).isEqualTo(ProtectionStatusChanged.getClassSchema());
        assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), value)).isEqualTo(event);
    }

    @Test
    void theRegistryRefusesABackwardIncompatibleChangeAndAcceptsACompatibleOne() {
        assertThat(registry.globalCompatibility()).isEqualTo("BACKWARD");
        String subject = "compatibility-test-value";
        Schema v1 = ProtectionStatusChanged.getClassSchema();
        registry.register(subject, v1);

        Schema requiredFieldAdded = withField(v1, "nationality", false);
        assertThat(registry.isCompatible(subject, requiredFieldAdded)).isFalse();
        assertThatThrownBy(() -> registry.register(subject, requiredFieldAdded))
                .isInstanceOf(SchemaRegistryClient.IncompatibleSchemaException.class);

        Schema optionalFieldAdded = withField(v1, "nationality", true);
        assertThat(registry.isCompatible(subject, optionalFieldAdded)).isTrue();
        assertThat(registry.register(subject, optionalFieldAdded)).isNotEqualTo(registry.register(subject, v1));
    }

    @Test
    void everySchemaOfThisBuildIsRegisteredAtStartUnderItsSubject() {
        SchemaRegistryClient reader = new SchemaRegistryClient(PLATFORM.registry());
        assertThat(Topics.valueSchemas()).containsKeys(Topics.INDICATORS_SUBJECT, "residence-changed-value");
        Topics.valueSchemas().forEach((subject, schema) -> {
            assertThat(reader.isRegistered(subject, schema)).as(subject).isTrue();
            assertThat(registry.isCompatible(subject, withField(schema, "extra", false))).isFalse();
        });
        assertThat(Topics.valueSubject(Generations.outputTopic(7))).isEqualTo(Topics.INDICATORS_SUBJECT);
        assertThat(Topics.valueSubject(EventType.RESIDENCE_CHANGED.topic(2))).isEqualTo("residence-changed-value");
    }

    /** Writers only look their schema up: one the operator has not registered is refused, and nothing is registered. */
    @Test
    void aWriterRegistersNothing() {
        String topic = EventType.PROTECTION_STATUS_CHANGED.topic();
        String subject = Topics.valueSubject(topic);
        List<Integer> versions = registry.versions(subject);
        GenericRecord unregistered = new GenericData.Record(withField(ProtectionStatusChanged.getClassSchema(), "extra", true));
        try (Serializer<GenericRecord> serializer = new Topics(PLATFORM.registry()).eventSerde().serializer()) {
            // refused where it looks the schema up by content, before any field is written
            assertThatThrownBy(() -> serializer.serialize(topic, unregistered))
                    .hasStackTraceContaining("ResolveSchemaByContent");
        }
        assertThat(registry.versions(subject)).isEqualTo(versions);
    }

    /**
     * Instances starting together: the registry fails some of concurrent creations of a subject,
     * which are retried. (Apicurio 2.x may also store the identical schema twice, under two ids.)
     */
    @Test
    void everyConcurrentRegistrationOfASchemaSucceeds() throws Exception {
        String subject = "concurrent-" + UUID.randomUUID() + "-value";
        Schema schema = ProtectionStatusChanged.getClassSchema();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ids.add(pool.submit(() -> registry.register(subject, schema)));
            }
            for (Future<Integer> id : ids) {
                assertThat(registry.schemaById(id.get())).isEqualTo(schema);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The schema with one more string field, required or optional (with a default). */
    private static Schema withField(Schema schema, String name, boolean optional) {
        var fields = SchemaBuilder.record(schema.getName()).namespace(schema.getNamespace()).fields();
        for (Schema.Field field : schema.getFields()) {
            fields = fields.name(field.name()).type(field.schema()).noDefault();
        }
        return optional
                ? fields.name(name).type().optional().stringType().endRecord()
                : fields.name(name).type().stringType().noDefault().endRecord();
    }

    private static byte[] readFirstValue(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, PLATFORM.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            consumer.seekToBeginning(consumer.assignment());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    return record.value();
                }
            }
            throw new AssertionError("nothing on " + topic);
        }
    }
}
