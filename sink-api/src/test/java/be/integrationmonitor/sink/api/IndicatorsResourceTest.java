package be.integrationmonitor.sink.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import be.integrationmonitor.indicators.IndicatorValue;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.platform.PlatformTestResource;
import be.integrationmonitor.topics.Topic;
import be.integrationmonitor.topics.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The series endpoint over records written to the real {@code indicators} topic. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class IndicatorsResourceTest {

    private static final String SERIES = "/v1/indicators/protected_persons";

    @BeforeAll
    static void writeIndicators() throws Exception {
        LocalPlatform platform = LocalPlatform.shared();
        Topic<String, IndicatorValue> topic = new Topics(platform.registry()).indicators();
        try (KafkaProducer<String, IndicatorValue> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers()),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            send(producer, topic, "44021", "2024-02", 12);
            send(producer, topic, "44021", "2024-03", 3);
            send(producer, topic, "44021", "2024-04", 9);
            send(producer, topic, "44021", "2024-04", 0);
            producer.flush();
        }
    }

    private static void send(KafkaProducer<String, IndicatorValue> producer, Topic<String, IndicatorValue> topic,
                             String geo, String period, long count) {
        IndicatorValue value = IndicatorValue.newBuilder().setIndicator("protected_persons").setGranularity("month")
                .setGeo(geo).setLevel("municipality").setPeriod(period).setValue((double) count).setCount(count).build();
        producer.send(new ProducerRecord<>(topic.name(), "protected_persons/month/" + geo + "/" + period, value));
    }

    @Test
    void servesTheLatestValueOfEachPeriodWithSmallCountsWithheld() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("geo", "44021").queryParam("from", "2024-01").queryParam("to", "2024-05")
                        .when().get(SERIES)
                        .then().statusCode(200)
                        .body("level", equalTo("municipality"))
                        .body("points.period", contains("2024-01", "2024-02", "2024-03", "2024-04", "2024-05"))
                        .body("points.value", contains(0.0f, 12.0f, null, 0.0f, 0.0f))
                        .body("points.suppressed", contains(false, false, true, false, false)));
    }

    @Test
    void explainsBadRequestsAsProblems() {
        given().queryParam("geo", "44021").when().get("/v1/indicators/no_such_indicator")
                .then().statusCode(404).contentType("application/problem+json").body("errors.field", hasItem("id"));
        given().queryParam("geo", "99999").when().get(SERIES)
                .then().statusCode(404).body("errors.field", hasItem("geo"));
        given().when().get(SERIES).then().statusCode(400).body("errors.field", hasItem("geo"));
        given().queryParam("geo", "44021").queryParam("granularity", "day").when().get(SERIES)
                .then().statusCode(400).body("errors.field", hasItem("granularity"));
        given().queryParam("geo", "44021").queryParam("granularity", "week").queryParam("from", "2024-13")
                .when().get(SERIES).then().statusCode(400).body("errors.field", hasItem("from"));
    }
}
