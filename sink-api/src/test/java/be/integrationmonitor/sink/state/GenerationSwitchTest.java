package be.integrationmonitor.sink.state;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.sink.Management;
import be.integrationmonitor.generations.GenerationLog;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.geo.GeoLevel;
import be.integrationmonitor.geo.GeoUnit;
import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.platform.PlatformTestResource;
import be.integrationmonitor.sink.IndicatorsTopic;
import be.integrationmonitor.topics.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The switch of the served generation, as a blue/green replay does it: while pollers keep asking,
 * every answer comes whole from the old topic or whole from the new one, never a mix, never a
 * partly read topic, never an error; and a switch back works the same way.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class GenerationSwitchTest {

    private static final LocalPlatform PLATFORM = LocalPlatform.shared();
    private static final String PERIOD = "2022-W20";
    private static final String ANALYST = "Bearer test-analyst";
    private static final Map<String, Object> KAFKA = Map.of("bootstrap.servers", PLATFORM.bootstrapServers());

    @Test
    void switchesAtomicallyWhilePolled() throws Exception {
        List<GeoUnit> municipalities = GeoUnits.get().ofLevel(GeoLevel.MUNICIPALITY);
        write(1, municipalities, 7);
        try (Admin admin = PLATFORM.admin()) {
            admin.createTopics(List.of(Topics.indicators(2, 3, (short) 1))).all().get();
        }
        write(2, municipalities, 9);
        awaitServing(1, 7.0);

        AtomicBoolean polling = new AtomicBoolean(true);
        List<String> wrong = new CopyOnWriteArrayList<>();
        Set<Double> seen = new HashSet<>();
        Thread poller = new Thread(() -> {
            while (polling.get()) {
                Response response = given().header("Authorization", ANALYST).queryParam("granularity", "week")
                        .queryParam("period", PERIOD).get("/v1/snapshot");
                if (response.statusCode() != 200) {
                    wrong.add("status " + response.statusCode());
                    continue;
                }
                Set<Double> values = new HashSet<>(response.jsonPath().<Float>getList("rows.values.protected_persons.value")
                        .stream().map(Float::doubleValue).toList());
                synchronized (seen) {
                    seen.addAll(values);
                }
                if (values.size() != 1) {
                    wrong.add("mixed or partial answer: " + values);
                }
            }
        });
        poller.start();
        try {
            awaitPolled(seen, 7.0);
            GenerationLog.append(KAFKA, Generations.INITIAL.starting(2).serving(2));
            awaitServing(2, 9.0);
            awaitPolled(seen, 9.0);
            GenerationLog.append(KAFKA, Generations.INITIAL);
            awaitServing(1, 7.0);
        } finally {
            polling.set(false);
            poller.join();
        }
        assertThat(wrong).isEmpty();
        assertThat(seen).containsExactlyInAnyOrder(7.0, 9.0);
    }

    /** The poller has had an answer with this value: it polls while the switch happens. */
    private static void awaitPolled(Set<Double> seen, double value) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            synchronized (seen) {
                return seen.contains(value);
            }
        });
    }

    /** One cell per municipality, each written separately: a reader that stopped half-way would show a mix. */
    private static void write(int generation, List<GeoUnit> municipalities, long value) {
        try (IndicatorsTopic topic = new IndicatorsTopic(generation)) {
            List<String> codes = new ArrayList<>(municipalities.stream().map(GeoUnit::code).toList());
            codes.forEach(code -> topic.count("protected_persons", "week", code, PERIOD, value));
        }
    }

    private static void awaitServing(int generation, double value) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Management.given().get("/q/health/ready").then().statusCode(200);
            assertThat(Management.given().get("/q/health/ready").jsonPath().getString("checks[0].data.topic"))
                    .isEqualTo(Generations.outputTopic(generation));
            assertThat(given().header("Authorization", ANALYST).queryParam("granularity", "week")
                    .queryParam("period", PERIOD).get("/v1/snapshot").jsonPath()
                    .<Float>getList("rows.values.protected_persons.value")).containsOnly((float) value);
        });
    }
}
