package be.integrationmonitor.sink.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import be.integrationmonitor.platform.PlatformTestResource;
import be.integrationmonitor.sink.IndicatorsTopic;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Disclosure control through the API: primary rules, secondary suppression, derived indicators, analysts. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class DisclosureTest {

    private static final String ANALYST = "Bearer test-analyst";

    @BeforeAll
    static void writeIndicators() {
        try (IndicatorsTopic topic = new IndicatorsTopic()) {
            // 2023-05: 7 persons in Brussels (21004), 2 in Anderlecht (21001); the region shows 9.
            topic.count("protected_persons", "month", "21004", "2023-05", 7)
                    .count("protected_persons", "month", "21001", "2023-05", 2)
                    .count("protected_persons", "month", "04000", "2023-05", 9)
                    .count("protected_persons", "month", "01000", "2023-05", 9);
            // Belgium only, one period per case
            topic.count("protected_persons", "month", "01000", "2023-07", 8)
                    .count("income_support_recipients", "month", "01000", "2023-07", 4)
                    .send("income_support_rate", "month", "01000", "2023-07", 50.0, 8, 4L)
                    .send("median_days_to_income_support", "month", "01000", "2023-07", 30.5, 4, null)
                    .count("housing_aid_grants", "month", "01000", "2023-07", 3)
                    .send("housing_aid_amount_eur", "month", "01000", "2023-07", 1234.56, 3, null);
            topic.count("protected_persons", "month", "01000", "2023-08", 40)
                    .count("income_support_recipients", "month", "01000", "2023-08", 20)
                    .send("income_support_rate", "month", "01000", "2023-08", 50.0, 40, 20L)
                    .send("median_days_to_income_support", "month", "01000", "2023-08", 12.0, 5, null)
                    .count("housing_aid_grants", "month", "01000", "2023-08", 6)
                    .send("housing_aid_amount_eur", "month", "01000", "2023-08", 2500.0, 6, null);
            topic.count("protected_persons", "month", "01000", "2023-09", 40)
                    .count("income_support_recipients", "month", "01000", "2023-09", 3)
                    .send("income_support_rate", "month", "01000", "2023-09", 7.5, 40, 3L);
            topic.send("income_support_rate", "month", "01000", "2023-10", null, 0, 0L);
            // weeks: 6 grants a week but 3 in 2023-W20: every 4-week sum holding W20 is withheld, though not small
            for (int week = 17; week <= 24; week++) {
                topic.count("housing_aid_grants", "week", "01000", "2023-W" + week, week == 20 ? 3 : 6);
                if (week >= 20) {
                    topic.count("housing_aid_grants_4w", "week", "01000", "2023-W" + week, week == 24 ? 24 : 21);
                }
            }
        }
    }

    /** The records of @BeforeAll reached the sink (the server listens only once the tests run). */
    @BeforeEach
    void awaitIndicators() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", ANALYST).queryParam("geo", "01000").queryParam("granularity", "week")
                        .queryParam("from", "2023-W24").queryParam("to", "2023-W24")
                        .when().get("/v1/indicators/housing_aid_grants_4w")
                        .then().statusCode(200).body("points.value", contains(24.0f)));
    }

    @Test
    void aSmallCountAndTheCellThatWouldRevealItAreWithheldInSnapshotsAndSeries() {
        given().queryParam("level", "municipality").queryParam("period", "2023-05").when().get("/v1/snapshot")
                .then().statusCode(200)
                .body("rows.findAll { it.values.protected_persons.suppressed }.geo",
                        containsInAnyOrder("21001", "21004"))
                // SDMX CONF_STATUS: 21001 by the primary rule (2 persons), 21004 to protect it
                .body("rows.find { it.geo == '21001' }.values.protected_persons.confStatus", equalTo("A"))
                .body("rows.find { it.geo == '21004' }.values.protected_persons.confStatus", equalTo("D"))
                .body("rows.find { it.geo == '21002' }.values.protected_persons.confStatus", equalTo("F"))
                .body("rows.find { it.geo == '21002' }.values.protected_persons.obsStatus", equalTo("A"))
                .body("rows.find { it.geo == '21002' }.values.protected_persons.value", equalTo(0.0f));
        given().queryParam("level", "province").queryParam("period", "2023-05").when().get("/v1/snapshot")
                .then().statusCode(200).body("rows.find { it.geo == '04000' }.values.protected_persons.value", equalTo(9.0f));
        series("protected_persons", "21004", "2023-05").body("points.suppressed", contains(true))
                .body("points.value", contains((Object) null));
    }

    @Test
    void analystsSeeExactValuesAndCounts() {
        series("protected_persons", "21001", "2023-05", ANALYST)
                .header("Cache-Control", equalTo("private, no-cache"))
                .body("points.value", contains(2.0f)).body("points.count", contains(2))
                .body("points.suppressed", contains(false)).body("points[0]", not(hasKey("confStatus")));
        given().header("Authorization", ANALYST).queryParam("level", "municipality").queryParam("period", "2023-05")
                .when().get("/v1/snapshot").then().statusCode(200)
                .body("rows.find { it.geo == '21004' }.values.protected_persons.value", equalTo(7.0f));
    }

    @Test
    void aWrongTokenIsRefused() {
        given().header("Authorization", "Bearer guess").queryParam("geo", "01000")
                .when().get("/v1/indicators/protected_persons")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("errors.field", hasItem("Authorization"));
    }

    @Test
    void ratiosNeedTenInTheDenominatorAndANumeratorShownAndAreNullWithoutDenominator() {
        String rate = "income_support_rate";
        series(rate, "01000", "2023-07").body("points.suppressed", contains(true));
        series(rate, "01000", "2023-08").body("points.value", contains(50.0f)).body("points.suppressed", contains(false));
        series(rate, "01000", "2023-09").body("points.suppressed", contains(true));
        series(rate, "01000", "2023-10").body("points.value", contains((Object) null))
                .body("points.suppressed", contains(false));
        series(rate, "01000", "2023-11").body("points.value", contains((Object) null))
                .body("points.suppressed", contains(false));
    }

    @Test
    void mediansNeedFivePersonsAndAmountsFiveGrants() {
        series("median_days_to_income_support", "01000", "2023-07").body("points.suppressed", contains(true));
        series("median_days_to_income_support", "01000", "2023-08").body("points.value", contains(12.0f));
        series("housing_aid_amount_eur", "01000", "2023-07").body("points.suppressed", contains(true));
        series("housing_aid_amount_eur", "01000", "2023-08").body("points.value", contains(2500.0f));
        series("housing_aid_amount_eur", "01000", "2023-09").body("points.value", contains(0.0f));
    }

    @Test
    void fourWeekSumsHoldingAWithheldWeekAreWithheld() {
        given().queryParam("geo", "01000").queryParam("granularity", "week")
                .queryParam("from", "2023-W20").queryParam("to", "2023-W24")
                .when().get("/v1/indicators/housing_aid_grants_4w").then().statusCode(200)
                .body("points.suppressed", contains(true, true, true, true, false))
                .body("points.value", contains(null, null, null, null, 24.0f));
    }

    private static io.restassured.response.ValidatableResponse series(String indicator, String geo, String month,
                                                                      String... authorization) {
        RequestSpecification request = given().queryParam("geo", geo).queryParam("from", month).queryParam("to", month);
        if (authorization.length > 0) {
            request = request.header("Authorization", authorization[0]);
        }
        return request.when().get("/v1/indicators/" + indicator).then().statusCode(200);
    }
}
