package be.integrationmonitor.sink.state;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.sink.Management;
import be.integrationmonitor.generations.GenerationLog;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.geo.GeoLevel;
import be.integrationmonitor.geo.GeoUnit;
import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.indicators.IndicatorValue;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.topics.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The feed waits out Kafka and the schema registry going away, on a platform of this test's own:
 * meanwhile the service is live but not ready, saying why; afterwards it serves every cell, none
 * skipped, and is ready again. A record that no retry can read is skipped, but counted.
 */
@QuarkusTest
@TestProfile(FeedFaultsTest.OwnPlatform.class)
class FeedFaultsTest {

    private static final String ANALYST = "Bearer test-analyst";
    private static final List<String> MUNICIPALITIES =
            GeoUnits.get().ofLevel(GeoLevel.MUNICIPALITY).stream().map(GeoUnit::code).toList();

    /** IndicatorValue with one more optional field: a compatible version that the engine might write next. */
    private static final Schema NEXT_VERSION = nextVersion(IndicatorValue.getClassSchema());

    /** Injected by {@link OwnPlatformResource}. */
    LocalPlatform platform;

    @Test
    void whileKafkaIsAwayTheSinkIsLiveButNotReadyAndThenServesWhatArrived() {
        String period = "2022-W21";
        writeGeneration1(MUNICIPALITIES.subList(0, 5), period, 7);
        awaitServing(1, period, 7, 5);

        platform.killBroker();
        try {
            awaitPaused("cannot read from Kafka");
            Management.given().get("/q/health/live").then().statusCode(200);
        } finally {
            platform.restartBroker();
        }
        writeGeneration1(MUNICIPALITIES.subList(5, 8), period, 7);
        awaitServing(1, period, 7, 8);
    }

    @Test
    void whileTheRegistryIsAwayNewCellsWaitUnskippedAndTheSinkSaysWhy() throws Exception {
        String period = "2022-W22";
        writeGeneration1(MUNICIPALITIES.subList(0, 3), period, 5);
        awaitServing(1, period, 5, 3);
        try (Admin admin = Admin.create(kafka())) {
            admin.createTopics(List.of(Topics.indicators(2, 3, (short) 1))).all().get();
        }
        long unreadable;
        // the operator registers a schema version that the sink has never had to look up
        platform.operator().register(Topics.INDICATORS_SUBJECT, NEXT_VERSION);
        try (Writer generation2 = new Writer(platform, 2, NEXT_VERSION)) {
            generation2.write(MUNICIPALITIES.subList(0, 10), period, 9);
            // stopped, not killed: a SIGKILL can lose the registry's last writes (its H2 file), this schema
            platform.schemaRegistry().close();
            try {
                generation2.write(MUNICIPALITIES.subList(10, 20), period, 9);
                GenerationLog.append(kafka(), Generations.INITIAL.starting(2).serving(2));
                awaitPaused("schema registry unreachable");
                unreadable = readiness().getLong("checks[0].data.unreadable-records");
                Management.given().get("/q/health/live").then().statusCode(200);
                assertThat(readiness().getString("checks[0].data.topic")).as("the old generation stays served")
                        .isEqualTo(Generations.outputTopic(1));
            } finally {
                platform.restartRegistry();
            }
            awaitServing(2, period, 9, 20);
            assertThat(readiness().getLong("checks[0].data.unreadable-records")).as("no record skipped")
                    .isEqualTo(unreadable);
        } finally {
            GenerationLog.append(kafka(), Generations.INITIAL);
        }
        awaitServing(1, period, 5, 3);
    }

    @Test
    void aRecordThatNoRetryCanReadIsSkippedButCountedAndTheFeedGoesOn() {
        String period = "2022-W23";
        long unreadable = readiness().getLong("checks[0].data.unreadable-records");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka(), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Generations.outputTopic(1),
                    String.join("/", "protected_persons", "week", MUNICIPALITIES.get(0), period), new byte[] {0, 0, 0}));
        }
        writeGeneration1(MUNICIPALITIES.subList(1, 3), period, 4);
        awaitServing(1, period, 4, 2);
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                readiness().getLong("checks[0].data.unreadable-records")).isEqualTo(unreadable + 1));
        Management.given().get("/q/health/ready").then().statusCode(200);
    }

    private void writeGeneration1(List<String> municipalities, String period, long count) {
        try (Writer generation1 = new Writer(platform, 1, IndicatorValue.getClassSchema())) {
            generation1.write(municipalities, period, count);
        }
    }

    private static Schema nextVersion(Schema schema) {
        List<Schema.Field> fields = new ArrayList<>(schema.getFields().stream().map(f -> new Schema.Field(f, f.schema())).toList());
        fields.add(new Schema.Field("revision", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.INT)), "a field the sink does not read", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private Map<String, Object> kafka() {
        return Map.of("bootstrap.servers", platform.bootstrapServers());
    }

    private static JsonPath readiness() {
        return Management.given().get("/q/health/ready").jsonPath();
    }

    /** Not ready, for this reason, with the time since when. */
    private static void awaitPaused(String reason) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Management.given().get("/q/health/ready").then().statusCode(503);
            JsonPath ready = readiness();
            assertThat(ready.getString("checks[0].data.paused")).startsWith(reason);
            assertThat(ready.getString("checks[0].data.paused-since")).isNotBlank();
        });
    }

    /** Ready on the generation's topic, with this many municipalities at this value in the period. */
    private static void awaitServing(int generation, String period, long value, int cells) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            Management.given().get("/q/health/ready").then().statusCode(200);
            assertThat(readiness().getString("checks[0].data.topic")).isEqualTo(Generations.outputTopic(generation));
            List<Float> values = given().header("Authorization", ANALYST).queryParam("granularity", "week")
                    .queryParam("period", period).get("/v1/snapshot").jsonPath()
                    .getList("rows.values.protected_persons.value");
            assertThat(values).filteredOn(v -> v == value).hasSize(cells);
        });
    }

    /** Writes indicator values into an indicators topic of the test's platform, as the engine would. */
    private static final class Writer implements AutoCloseable {

        private final String topic;
        private final Schema schema;
        private final KafkaProducer<String, GenericRecord> producer;

        /** @param schema the value's schema: IndicatorValue's, or a version of it */
        Writer(LocalPlatform platform, int generation, Schema schema) {
            this.topic = Generations.outputTopic(generation);
            this.schema = schema;
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
                    new StringSerializer(), new Topics(platform.registry()).eventSerde().serializer());
        }

        /** One protected_persons count per municipality, flushed. */
        void write(List<String> municipalities, String period, long count) {
            for (String geo : municipalities) {
                GenericRecord value = new GenericData.Record(schema);
                value.put("indicator", "protected_persons");
                value.put("granularity", "week");
                value.put("geo", geo);
                value.put("level", GeoLevel.MUNICIPALITY.id());
                value.put("period", period);
                value.put("value", (double) count);
                value.put("count", count);
                producer.send(new ProducerRecord<>(topic, String.join("/", "protected_persons", "week", geo, period), value));
            }
            producer.flush();
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    /** This test's own broker and registry: killing them leaves the shared platform to the other tests. */
    public static final class OwnPlatform implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnPlatformResource.class));
        }
    }

    public static final class OwnPlatformResource implements QuarkusTestResourceLifecycleManager {
        private LocalPlatform platform;

        @Override
        public Map<String, String> start() {
            platform = LocalPlatform.start(LocalPlatform.Settings.ephemeral());
            return Map.of("kafka.bootstrap.servers", platform.bootstrapServers(),
                    "registry.url", platform.registry().root());
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(platform, new TestInjector.MatchesType(LocalPlatform.class));
        }

        /** After the shared platform's resource, so that this platform's addresses win. */
        @Override
        public int order() {
            return 100;
        }

        @Override
        public void stop() {
            platform.close();
        }
    }
}
