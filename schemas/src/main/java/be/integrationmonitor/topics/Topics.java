package be.integrationmonitor.topics;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.indicators.IndicatorValue;
import io.apicurio.registry.resolver.ParsedSchema;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.resolver.data.Record;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.serde.data.SerdeRecord;
import io.apicurio.registry.serde.strategy.TopicIdStrategy;
import be.integrationmonitor.registry.PatientDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
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
    /**
     * The engine's repartition of series steps from the person stage to the series stage, by
     * column: named here so that the operator tool finds its topic ({@link #seriesSteps}).
     */
    public static final String SERIES_STEPS = "series-steps";
    /** {@code residence-changed.v2}: the event topic of input version 2 (see {@link #versioned}). */
    private static final Pattern VERSIONED = Pattern.compile("(.+)\\.v([1-9][0-9]*)");

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

    /**
     * The subject of every generation's indicator values ({@code indicators.<n>}): a generation is a
     * recomputation, not a new contract, so the operator registers the schema once and a replay
     * needs no registry write.
     */
    public static final String INDICATORS_SUBJECT = "indicators-value";

    /** @param registry the schema registry the serdes talk to */
    public Topics(RegistryUrls registry) {
        this.serdeConfig = Map.of(
                SchemaResolverConfig.REGISTRY_URL, registry.nativeApi(),
                // only the operator registers schemas (docs/security.md): a writer finds its schema's id by
                // content under its topic's subject, and fails on a schema the operator has not registered
                SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, false,
                // one self-contained schema per subject, as Confluent tools expect (no references)
                SchemaResolverConfig.DEREFERENCE_SCHEMA, true,
                AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true,
                AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaInstanceDatumProvider.class,
                SchemaResolverConfig.CHECK_PERIOD_MS, SCHEMA_CACHE_MS,
                SchemaResolverConfig.FAULT_TOLERANT_REFRESH, true,
                SchemaResolverConfig.ARTIFACT_RESOLVER_STRATEGY, ValueSubjects.class.getName());
    }

    /**
     * The registry subject of a topic's values. An event topic's is that of its first name in every
     * input version ({@code residence-changed.v2} writes under {@code residence-changed-value}): a
     * purge copies the topics, the schemas and their compatibility history stay one. Every
     * generation's indicators topic writes under {@link #INDICATORS_SUBJECT}.
     */
    public static String valueSubject(String topic) {
        return topic.startsWith(Generations.OUTPUT_TOPIC_PREFIX) ? INDICATORS_SUBJECT : unversioned(topic) + "-value";
    }

    /** Every subject the product writes, with the schema of this build: what the operator registers. */
    public static Map<String, Schema> valueSchemas() {
        Map<String, Schema> schemas = eventSchemas();
        schemas.put(INDICATORS_SUBJECT, IndicatorValue.getClassSchema());
        return schemas;
    }

    /** The event types' subjects and schemas of this build: what the producers write. */
    public static Map<String, Schema> eventSchemas() {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        EventType.ALL.forEach(type -> schemas.put(valueSubject(type.topic()), type.schema()));
        return schemas;
    }

    /** The serdes' subjects: {@link #valueSubject} (the product's keys are plain strings, never Avro). */
    public static final class ValueSubjects<T> extends TopicIdStrategy<T> {

        @Override
        public ArtifactReference artifactReference(Record<Object> data, ParsedSchema<T> parsedSchema) {
            var metadata = ((SerdeRecord<?>) data).metadata();
            if (metadata.isKey()) {
                throw new IllegalArgumentException("Avro keys are not used: " + metadata.getTopic());
            }
            return ArtifactReference.builder().groupId(null).artifactId(valueSubject(metadata.getTopic())).build();
        }
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

    /**
     * The name of an event topic in an input version. Version 0 is the name the topic was first
     * created with; each purge copies every event topic, without the erased persons' records, to
     * the next version ({@code residence-changed.v1}, …) and deletes the previous one. The
     * {@code generations} topic says which version each generation reads and producers write.
     */
    public static String versioned(String topic, int version) {
        if (version < 0) {
            throw new IllegalArgumentException("no input version " + version);
        }
        return version == 0 ? topic : topic + ".v" + version;
    }

    /** The event topic's first name ({@code residence-changed} for {@code residence-changed.v2}); any other name as it is. */
    public static String unversioned(String topic) {
        Matcher versioned = VERSIONED.matcher(topic);
        return versioned.matches() && EventType.ALL.stream().anyMatch(t -> t.topic().equals(versioned.group(1)))
                ? versioned.group(1) : topic;
    }

    /** The topics that hold history in the first input version (see {@link #history(int)}). */
    public static List<String> history() {
        return history(0);
    }

    /** The topics that hold history: every event topic of an input version and the erasures (see {@link HistoryRetention}). */
    public static List<String> history(int version) {
        List<String> topics = new ArrayList<>(EventType.ALL.stream().map(type -> type.topic(version)).toList());
        topics.add(ERASURES);
        return topics;
    }

    /** The event topics the indicators are computed from, in an input version. */
    public static List<String> indicatorInputs(int version) {
        return EventType.INDICATOR_INPUTS.stream().map(type -> type.topic(version)).toList();
    }

    /** Everything an engine generation on this input version reads: the indicators' event topics and the erasures. */
    public static List<String> engineInputs(int version) {
        List<String> topics = new ArrayList<>(indicatorInputs(version));
        topics.add(ERASURES);
        return topics;
    }

    /**
     * The topic Kafka Streams makes for a repartition the topology names {@code name}; the
     * operator tool reads how much of it an application still has to process.
     */
    public static String repartition(String applicationId, String name) {
        return applicationId + "-" + name + "-repartition";
    }

    /** Generation n's repartition of its series steps by column (see {@link #SERIES_STEPS}). */
    public static String seriesSteps(int generation) {
        return repartition(Generations.applicationId(generation), SERIES_STEPS);
    }

    /** Every topic the product needs, as created by {@link TopicProvisioner}. */
    public static List<NewTopic> definitions(int partitions, short replicationFactor) {
        List<NewTopic> topics = new ArrayList<>();
        for (EventType<?> type : EventType.ALL) {
            topics.add(event(type, 0, partitions, replicationFactor));
        }
        topics.add(indicators(Generations.INITIAL.serving(), partitions, replicationFactor));
        topics.add(new NewTopic(GENERATIONS, 1, replicationFactor).configs(COMPACT));
        // kept until re-driven: a dead letter is an event not yet counted
        topics.add(new NewTopic(DEAD_LETTER, partitions, replicationFactor).configs(KEPT));
        topics.add(new NewTopic(ERASURES, partitions, replicationFactor).configs(COMPACT_KEPT));
        return topics;
    }

    /** An event topic of an input version: it keeps everything, as a purge creates it. */
    public static NewTopic event(EventType<?> type, int version, int partitions, short replicationFactor) {
        return new NewTopic(type.topic(version), partitions, replicationFactor).configs(KEPT);
    }

    /** The output topic of an engine generation, as a replay creates it. */
    public static NewTopic indicators(int generation, int partitions, short replicationFactor) {
        return new NewTopic(Generations.outputTopic(generation), partitions, replicationFactor).configs(COMPACT);
    }
}
