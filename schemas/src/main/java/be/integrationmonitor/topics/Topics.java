package be.integrationmonitor.topics;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.indicators.IndicatorValue;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import be.integrationmonitor.registry.PatientDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The one place that knows every topic, its key and value serdes and how it is created.
 *
 * <p>Values are Avro in the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary),
 * written and read through the schema registry; any Confluent-API tool can read them.
 */
public final class Topics {

    /**
     * The operators' record of which engine generations run and which one is served (see
     * {@link Generations}); each generation writes its own compacted indicators topic.
     */
    public static final String GENERATIONS = "generations";
    /** Records the engine could not process, with headers saying where they came from and why. */
    public static final String DEAD_LETTER = "dead-letter";
    /** Operators' erasure requests: key personRef; compacted, so a request is kept for replays. */
    public static final String ERASURES = "erasures";

    private static final Map<String, String> COMPACT =
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    /** The event topics are the system of record: nothing in them expires (see {@link HistoryRetention}). */
    private static final Map<String, String> KEPT = Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1");
    /** Erasure requests must outlive every event of the person they erase: compacted and kept. */
    private static final Map<String, String> COMPACT_KEPT = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1");
    /**
     * Registry lookups are kept for the life of the process (a schema id never changes meaning), and
     * a failed refresh keeps what is known, so that a registry outage stops no record already seen.
     */
    private static final long SCHEMA_CACHE_MS = Duration.ofDays(36_500).toMillis();
    /** How long one record read waits for an unreachable registry before its reader pauses ({@link PatientDeserializer}). */
    private static final Duration REGISTRY_PATIENCE = Duration.ofSeconds(20);

    private final Map<String, Object> serdeConfig;

    /** @param registry the schema registry the serdes talk to */
    public Topics(RegistryUrls registry) {
        this.serdeConfig = Map.of(
                SchemaResolverConfig.REGISTRY_URL, registry.nativeApi(),
                SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true,
                // one self-contained schema per subject, as Confluent tools expect (no references)
                SchemaResolverConfig.DEREFERENCE_SCHEMA, true,
                AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true,
                AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaInstanceDatumProvider.class,
                SchemaResolverConfig.CHECK_PERIOD_MS, SCHEMA_CACHE_MS,
                SchemaResolverConfig.FAULT_TOLERANT_REFRESH, true);
    }

    /** Settings for Apicurio serdes that a framework instantiates itself (e.g. SmallRye Kafka). */
    public Map<String, Object> serdeConfig() {
        return serdeConfig;
    }

    public <V extends SpecificRecord> Topic<String, V> event(EventType<V> type) {
        return new Topic<>(type.topic(), Serdes.String(), avro());
    }

    /**
     * Values of any event type as generic records, read with the schema they were written with: for
     * a consumer of several event topics that must read every compatible version of each schema.
     */
    public Serde<GenericRecord> eventSerde() {
        AvroSerde<GenericRecord> serde = new AvroSerde<>();
        serde.configure(genericConfig(), false);
        return Serdes.serdeFrom(serde.serializer(), new PatientDeserializer<>(serde.deserializer(), REGISTRY_PATIENCE));
    }

    /**
     * Reads values of any topic as generic records, with the schema they were written with,
     * waiting up to {@code patience} for an unreachable registry before it throws
     * {@link be.integrationmonitor.registry.RegistryUnavailableException}.
     */
    public Deserializer<GenericRecord> genericDeserializer(Duration patience) {
        AvroKafkaDeserializer<GenericRecord> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(genericConfig(), false);
        return new PatientDeserializer<>(deserializer, patience);
    }

    private Map<String, Object> genericConfig() {
        Map<String, Object> generic = new HashMap<>(serdeConfig);
        generic.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, false);
        return generic;
    }

    /** The output of one engine generation: compacted, key {@code indicator/granularity/geo/period}. */
    public Topic<String, IndicatorValue> indicators(int generation) {
        return new Topic<>(Generations.outputTopic(generation), Serdes.String(), avro());
    }

    public Topic<String, String> erasures() {
        return new Topic<>(ERASURES, Serdes.String(), Serdes.String());
    }

    public Topic<byte[], byte[]> deadLetter() {
        return new Topic<>(DEAD_LETTER, Serdes.ByteArray(), Serdes.ByteArray());
    }

    private <V extends SpecificRecord> Serde<V> avro() {
        AvroSerde<V> serde = new AvroSerde<>();
        serde.configure(serdeConfig, false);
        return Serdes.serdeFrom(serde.serializer(), new PatientDeserializer<>(serde.deserializer(), REGISTRY_PATIENCE));
    }

    /** The topics that hold history: every event topic and the erasures (see {@link HistoryRetention}). */
    public static List<String> history() {
        List<String> topics = new ArrayList<>(EventType.ALL.stream().map(EventType::topic).toList());
        topics.add(ERASURES);
        return topics;
    }

    /** Every topic the product needs, as created by {@link TopicProvisioner}. */
    public static List<NewTopic> definitions(int partitions, short replicationFactor) {
        List<NewTopic> topics = new ArrayList<>();
        for (EventType<?> type : EventType.ALL) {
            topics.add(new NewTopic(type.topic(), partitions, replicationFactor).configs(KEPT));
        }
        topics.add(indicators(Generations.INITIAL.serving(), partitions, replicationFactor));
        topics.add(new NewTopic(GENERATIONS, 1, replicationFactor).configs(COMPACT));
        // kept until re-driven: a dead letter is an event not yet counted
        topics.add(new NewTopic(DEAD_LETTER, partitions, replicationFactor).configs(KEPT));
        topics.add(new NewTopic(ERASURES, partitions, replicationFactor).configs(COMPACT_KEPT));
        return topics;
    }

    /** The output topic of an engine generation, as a replay creates it. */
    public static NewTopic indicators(int generation, int partitions, short replicationFactor) {
        return new NewTopic(Generations.outputTopic(generation), partitions, replicationFactor).configs(COMPACT);
    }
}
