package be.integrationmonitor.deploy.ops;

import static be.integrationmonitor.deploy.ops.OperatorCli.cli;
import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.deploy.CellDifferences;
import be.integrationmonitor.deploy.ops.OperatorCli.Run;
import be.integrationmonitor.deploy.IndicatorsTopicReader;
import be.integrationmonitor.deploy.LocalStack;
import be.integrationmonitor.deploy.RunCommand;
import be.integrationmonitor.deploy.PushClient;
import be.integrationmonitor.deploy.SyntheticFeed;
import be.integrationmonitor.events.EventType;
import be.integrationmonitor.events.ProtectionStatus;
import be.integrationmonitor.events.ProtectionStatusChanged;
import be.integrationmonitor.events.Sex;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.registry.SchemaRegistryClient;
import be.integrationmonitor.topics.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operators' schema change and blue/green replay on the whole stack (real broker, registry,
 * engine, sink API, producers): v1 income-support decisions already in the topic, the v2 schema
 * checked and registered, v2 decisions pushed, then a replay while dashboards keep polling.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayTest {

    /** Herstappe, the smallest municipality: the synthetic feed of this seed never lives there (checked). */
    private static final String HERSTAPPE = "73109";
    private static final String ANALYST = "Bearer " + RunCommand.ANALYST_TOKEN;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalStack stack;

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aSchemaChangeThenABlueGreenReplayGiveTheSameIndicatorsWithoutDowntime() throws Exception {
        LocalStack.Options options = LocalStack.Options.ephemeral(Files.createTempDirectory("im-replay-"));
        String registryUrl = "http://127.0.0.1:" + options.registryPort();
        String registryKey = LocalPlatform.operatorKeyFile(options.dataDir()).toString();

        // Before the change: the v1 decisions of 8 persons, written as the v1 producers did.
        try (LocalPlatform platform = LocalPlatform.startWithoutSchemas(options.platform())) {
            writeVersion1(platform);
            SchemaRegistryClient registry = new SchemaRegistryClient(platform.registry());
            String subject = Topics.valueSubject(EventType.INCOME_SUPPORT_DECIDED.topic());
            assertThat(registry.versions(subject)).hasSize(1);

            // An incompatible change (a new field without default) is refused before anything is deployed.
            Path incompatible = Files.createTempDirectory("im-schemas-");
            Files.writeString(incompatible.resolve("IncomeSupportDecided.avsc"), EventType.INCOME_SUPPORT_DECIDED.schema()
                    .toString().replace("{\"name\":\"gpmi\"", "{\"name\":\"caseManager\",\"type\":\"string\"},{\"name\":\"gpmi\""));
            Run check = cli("schemas", "check", "--registry-url", registryUrl, "--registry-key-file", registryKey,
                    "--dir", incompatible.toString());
            assertThat(check.exit()).isEqualTo(1);
            assertThat(check.out()).contains("INCOMPATIBLE");
            assertThat(cli("schemas", "register", "--registry-url", registryUrl, "--registry-key-file", registryKey,
                    "--dir", incompatible.toString()).exit()).isEqualTo(1);
            assertThat(registry.versions(subject)).hasSize(1);

            // Only the operator registers: without its key, nothing is.
            Run stranger = cli("schemas", "register", "--registry-url", registryUrl, "--registry-key-file",
                    Files.createTempDirectory("im-no-key-").resolve("registry-operator.key").toString());
            assertThat(stranger.exit()).isNotZero();
            assertThat(stranger.out()).contains("no schema registry operator key at");
            assertThat(registry.versions(subject)).hasSize(1);

            // The real v2 (optional gpmi with a default) passes, and is registered.
            Run v2 = cli("schemas", "check", "--registry-url", registryUrl, "--registry-key-file", registryKey);
            assertThat(v2.exit()).isZero();
            assertThat(v2.out()).contains("every schema is compatible");
            assertThat(cli("schemas", "register", "--registry-url", registryUrl, "--registry-key-file", registryKey)
                    .exit()).isZero();
            assertThat(registry.versions(subject)).hasSize(2);
            assertThat(registry.subjects()).contains(Topics.INDICATORS_SUBJECT);
        }

        // After the change: the services of this build (v2) and new v2 decisions over HTTP.
        stack = LocalStack.start(options, message -> System.out.println("[replay] " + message));
        String bootstrap = stack.platform().bootstrapServers();
        List<SyntheticFeed.PartnerEvent> feed = new SyntheticFeed(3, LocalDate.of(2022, 3, 1), LocalDate.of(2024, 6, 30))
                .persons(0, 300);
        assertThat(feed).noneMatch(e -> HERSTAPPE.equals(e.event().get("municipality")));
        assertThat(cli("feed", "--persons", "300", "--seed", "3", "--from", "2022-03-01", "--to", "2024-06-30",
                "--push-url", stack.pushUrl()).exit()).isZero();
        pushVersion2();

        String projects = "/v1/indicators/integration_projects?geo=" + HERSTAPPE + "&granularity=month&from=2024-05&to=2024-06";
        String income = "/v1/indicators/integration_income_recipients?geo=" + HERSTAPPE + "&granularity=month&from=2024-05&to=2024-06";
        Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            // v1 decisions count as income without a project; the v2 ones as they say
            assertThat(values(get(projects))).containsExactly(0.0, 5.0);
            assertThat(values(get(income))).containsExactly(8.0, 15.0);
        });
        Run status = cli("status", "--bootstrap-servers", bootstrap, "--registry-url", registryUrl,
                "--registry-key-file", registryKey, "--sink-management-url", stack.apiManagementUrl());
        assertThat(status.out()).contains("serving=1 running=1").contains("serves: indicators.1")
                .contains("compatibility: BACKWARD")
                .contains("income-support-decided-value").contains(Generations.applicationId(1))
                // every event topic keeps its history, none deleted
                .containsPattern("protection-status-changed +\\d+ +[\\d,]+ +0  unlimited");
        awaitQuiet(bootstrap);
        Map<String, String> before = IndicatorsTopicReader.readAll(stack.platform(), Generations.outputTopic(1));
        assertThat(before).isNotEmpty();
        String snapshot = "/v1/snapshot?level=municipality&granularity=month&period=2024-06";
        String snapshotBefore = get(snapshot);
        String seriesBefore = get(projects);

        // The replay, while a dashboard polls: never an error, never anything but the same answers.
        AtomicBoolean polling = new AtomicBoolean(true);
        AtomicInteger polls = new AtomicInteger();
        List<String> wrong = new CopyOnWriteArrayList<>();
        Thread dashboard = new Thread(() -> {
            while (polling.get()) {
                try {
                    if (!get(snapshot).equals(snapshotBefore) || !get(projects).equals(seriesBefore)) {
                        wrong.add("an answer changed during the replay");
                    }
                    polls.incrementAndGet();
                } catch (Exception | AssertionError e) {
                    wrong.add(e.toString());
                }
            }
        });
        dashboard.start();
        Run replay;
        try {
            replay = cli("replay", "--bootstrap-servers", bootstrap, "--sink-management-url", stack.apiManagementUrl(),
                    "--settle", "PT5S");
        } finally {
            polling.set(false);
            dashboard.join();
        }
        assertThat(replay.exit()).as(replay.out()).isZero();
        assertThat(replay.out()).contains("every sink API serves indicators.2").contains("generation 1 retired");
        assertThat(wrong).isEmpty();
        assertThat(polls.get()).isGreaterThan(10);

        // Identical indicators, cell for cell, and the old generation is gone.
        assertThat(CellDifferences.between(before,
                IndicatorsTopicReader.readAll(stack.platform(), Generations.outputTopic(2)))).isEmpty();
        assertThat(get(snapshot)).isEqualTo(snapshotBefore);
        assertThat(stack.platform().admin().listTopics().names().get())
                .noneMatch(name -> name.startsWith(Generations.applicationId(1) + "-") || name.equals("indicators.1"))
                .contains("indicators.2");
        assertThat(cli("status", "--bootstrap-servers", bootstrap, "--registry-url", registryUrl, "--sink-management-url",
                stack.apiManagementUrl()).out()).contains("serving=2 running=2").contains("serves: indicators.2")
                // the local run's key is not this test's: the rule is not shown
                .contains("compatibility: not read");
    }

    @Test
    @Order(2)
    void aReplayLeftHalfWayIsAbortedAndTheServedGenerationServesOn() throws Exception {
        assertThat(stack).as("runs on the stack of the replay test").isNotNull();
        String bootstrap = stack.platform().bootstrapServers();
        Generations served;
        int halfWay;
        try (Cluster cluster = new Cluster(Map.of("bootstrap.servers", bootstrap))) {
            served = cluster.generations();
            halfWay = served.newest() + 1;
            assertThat(cluster.groupEmpty(Generations.applicationId(halfWay))).as("no such group yet: empty").isTrue();
            cluster.createOutput(halfWay);
            cluster.write(served.starting(halfWay));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    !cluster.groupEmpty(Generations.applicationId(halfWay)));
        }
        assertThat(cli("replay", "--bootstrap-servers", bootstrap).exit()).as("refuses a second replay").isEqualTo(2);
        assertThat(cli("reset", "--bootstrap-servers", bootstrap).exit()).as("refuses while a replay runs").isEqualTo(2);

        Run abort = cli("replay", "--bootstrap-servers", bootstrap, "--abort");
        assertThat(abort.exit()).isZero();
        assertThat(abort.out()).contains("running: serving=" + served.serving() + " running=" + served.serving());
        assertThat(stack.platform().admin().listTopics().names().get())
                .noneMatch(name -> name.startsWith(Generations.applicationId(halfWay) + "-")
                        || name.equals(Generations.outputTopic(halfWay)));
        assertThat(new SinkApis(List.of(URI.create(stack.apiManagementUrl()))).allServe(served.servedTopic())).isTrue();
        assertThat(cli("reset", "--bootstrap-servers", bootstrap).exit()).as("refuses while the engine runs").isEqualTo(2);
    }

    /** 8 protected persons in Herstappe with an integration income granted in v1 (no gpmi field). */
    private static void writeVersion1(LocalPlatform platform) throws Exception {
        Schema v1;
        try (InputStream in = ReplayTest.class.getResourceAsStream("/schema-history/IncomeSupportDecided.v1.avsc")) {
            v1 = new Schema.Parser().parse(in);
        }
        assertThat(v1.getField("gpmi")).isNull();
        // as the operator of v1 registered them
        platform.operator().register(Topics.valueSubject(EventType.PROTECTION_STATUS_CHANGED.topic()),
                EventType.PROTECTION_STATUS_CHANGED.schema());
        platform.operator().register(Topics.valueSubject(EventType.INCOME_SUPPORT_DECIDED.topic()), v1);
        Topics topics = new Topics(platform.registry());
        try (KafkaProducer<String, GenericRecord> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
                Serdes.String().serializer(), topics.eventSerde().serializer())) {
            for (int i = 0; i < 8; i++) {
                String person = "v1-person-" + i;
                producer.send(new ProducerRecord<>(EventType.PROTECTION_STATUS_CHANGED.topic(), person,
                        ProtectionStatusChanged.newBuilder().setEventId(UUID.randomUUID().toString())
                                .setPartnerId("immigration-office").setPersonRef(person)
                                .setEffectiveDate(LocalDate.of(2023, 2, 6)).setRecordedAt(Instant.parse("2023-02-06T10:00:00Z"))
                                .setMunicipality(HERSTAPPE).setStatus(ProtectionStatus.GRANTED).setBirthYear(1980)
                                .setSex(Sex.F).setUnaccompaniedMinor(false).build())).get();
                GenericRecord decision = new GenericData.Record(v1);
                decision.put("eventId", UUID.randomUUID().toString());
                decision.put("partnerId", "ocmw-" + HERSTAPPE);
                decision.put("personRef", person);
                decision.put("effectiveDate", (int) LocalDate.of(2023, 3, 1).toEpochDay());
                decision.put("recordedAt", Instant.parse("2023-03-01T10:00:00Z").toEpochMilli());
                decision.put("municipality", HERSTAPPE);
                decision.put("supportType", new GenericData.EnumSymbol(v1.getField("supportType").schema(), "INTEGRATION_INCOME"));
                decision.put("decision", new GenericData.EnumSymbol(v1.getField("decision").schema(), "GRANTED"));
                decision.put("category", new GenericData.EnumSymbol(v1.getField("category").schema(), "SINGLE"));
                decision.put("monthlyAmountCents", 131_420L);
                producer.send(new ProducerRecord<>(EventType.INCOME_SUPPORT_DECIDED.topic(), person, decision)).get();
            }
        }
    }

    /** 7 more in Herstappe, granted an integration income in v2: 5 with an integration project, 2 without. */
    private static void pushVersion2() {
        Random random = new Random(9);
        List<Map<String, Object>> protections = new ArrayList<>();
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String number = SyntheticFeed.nationalNumber(1975 + i, random);
            protections.add(event("ProtectionStatusChanged", number, "2024-04-08", Map.of("status", "GRANTED",
                    "birthYear", 1975 + i, "sex", "M", "unaccompaniedMinor", false)));
            decisions.add(event("IncomeSupportDecided", number, "2024-06-03", Map.of("supportType", "INTEGRATION_INCOME",
                    "decision", "GRANTED", "category", "SINGLE", "monthlyAmountCents", 131_420, "gpmi", i < 5)));
        }
        PushClient immigrationOffice = new PushClient(stack.pushUrl(), SyntheticFeed.IMMIGRATION_OFFICE_TOKEN);
        assertThat(immigrationOffice.push(protections).status()).isEqualTo(202);
        assertThat(immigrationOffice.as(SyntheticFeed.token("ocmw-" + HERSTAPPE)).push(decisions).status()).isEqualTo(202);
    }

    private static Map<String, Object> event(String type, String nationalNumber, String date, Map<String, Object> fields) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("nationalNumber", nationalNumber);
        event.put("effectiveDate", date);
        event.put("municipality", HERSTAPPE);
        event.putAll(fields);
        return event;
    }

    /** Waits until generation 1 has processed every event and emitted every cell. */
    private static void awaitQuiet(String bootstrap) throws Exception {
        try (Cluster cluster = new Cluster(Map.of("bootstrap.servers", bootstrap))) {
            // settled for longer than twice the engine's emit interval (500 ms) and its commit interval
            cluster.awaitCaughtUp(1, Duration.ofSeconds(5), Instant.now().plusSeconds(90), progress -> { });
        }
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
                .header("Authorization", ANALYST).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static List<Double> values(String series) throws Exception {
        List<Double> values = new ArrayList<>();
        for (JsonNode point : JSON.readTree(series).get("points")) {
            values.add(point.get("value").asDouble());
        }
        return values;
    }
}
