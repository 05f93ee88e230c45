package be.integrationmonitor.sink.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import be.integrationmonitor.sink.Management;
import be.integrationmonitor.platform.PlatformTestResource;
import be.integrationmonitor.sink.IndicatorsTopic;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalogue, the geo units and the series endpoint over records written to the real {@code indicators} topic. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class IndicatorsResourceTest {

    private static final String SERIES = "/v1/indicators/protected_persons";

    @BeforeAll
    static void writeIndicators() {
        // Ghent (44021) in East Flanders (40000): the only persons there, so nothing is withheld.
        try (IndicatorsTopic topic = new IndicatorsTopic()) {
            for (String geo : new String[] {"44021", "40000", "02000", "01000"}) {
                topic.count("protected_persons", "month", geo, "2024-02", 12)
                        .count("protected_persons", "month", geo, "2024-03", 30)
                        .count("protected_persons", "month", geo, "2024-04", 9)
                        .count("protected_persons", "month", geo, "2024-04", 0);
            }
        }
    }

    @Test
    void servesTheLatestValueOfEachPeriodWithAbsentCellsAsZero() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("geo", "44021").queryParam("from", "2024-01").queryParam("to", "2024-05")
                        .when().get(SERIES)
                        .then().statusCode(200)
                        .body("level", equalTo("municipality"))
                        .body("points.period", contains("2024-01", "2024-02", "2024-03", "2024-04", "2024-05"))
                        .body("points.value", contains(0.0f, 12.0f, 30.0f, 0.0f, 0.0f))
                        .body("points.suppressed", contains(false, false, false, false, false))
                        .body("points[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("count"))));
    }

    /** Measured before: ~470,000 periods asked, a 500 after the render had taken the service's heap and time. */
    @Test
    void aNineThousandYearQueryIsClampedToThePeriodsThatCanHoldDataAndTheServiceStaysAlive() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().queryParam("geo", "44021").queryParam("granularity", "week")
                        .queryParam("from", "1000-W01").queryParam("to", "9999-W52")
                        .when().get(SERIES).then().statusCode(200)
                        .body("points[0].period", equalTo("2021-W52")) // holds 2022-01-01, the first day counted
                        .body("points.size()", org.hamcrest.Matchers.lessThan(Params.MAX_PERIODS)));
        given().queryParam("geo", "44021").queryParam("from", "1000-01").queryParam("to", "1999-12")
                .when().get(SERIES).then().statusCode(200).body("points", hasSize(0));
        given().queryParam("period", "1000-01").when().get("/v1/snapshot")
                .then().statusCode(400).body("errors.field", contains("period"));
        given().queryParam("period", "9999-W52").queryParam("granularity", "week").when().get("/v1/snapshot")
                .then().statusCode(400).body("errors.field", contains("period"));
        Management.given().when().get("/q/health/live").then().statusCode(200);
        given().queryParam("geo", "44021").queryParam("from", "2024-03").queryParam("to", "2024-03")
                .when().get(SERIES).then().statusCode(200).body("points.value", contains(30.0f));
    }

    @Test
    void theDashboardAndTheAnswersCarryTheBrowserSecurityHeaders() {
        for (String path : new String[] {"/", "/dashboard.js", "/v1/indicators"}) {
            given().when().get(path).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("Referrer-Policy", equalTo("no-referrer"));
        }
        // the page builds its DOM from text nodes: no HTML from the API is ever parsed
        given().when().get("/dashboard.js").then().body(org.hamcrest.Matchers.not(containsString("innerHTML")));
    }

    @Test
    void servesTheSeriesAsCsvOnAcceptOrFormat() {
        String expected = "indicator,geo,level,granularity,period,value,suppressed,conf_status,obs_status\r\n"
                + "protected_persons,44021,municipality,month,2024-03,30,false,F,A\r\n";
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().accept("text/csv").queryParam("geo", "44021").queryParam("from", "2024-03").queryParam("to", "2024-03")
                        .when().get(SERIES).then().statusCode(200).contentType(containsString("text/csv"))
                        .body(equalTo(expected)));
        given().queryParam("format", "csv").queryParam("geo", "44021").queryParam("from", "2024-03")
                .queryParam("to", "2024-03").when().get(SERIES)
                .then().statusCode(200).header("Content-Disposition", containsString(".csv")).body(equalTo(expected));
    }

    @Test
    void listsTheCatalogueWithNamesKindUnitAndDefinition() {
        given().when().get("/v1/indicators").then().statusCode(200)
                .body("", hasSize(13))
                .body("id", hasItems("protected_persons", "income_support_rate", "housing_aid_grants_4w"))
                .body("find { it.id == 'income_support_rate' }.names.fr", equalTo("Taux d'aide au revenu"))
                .body("find { it.id == 'income_support_rate' }.kind", equalTo("ratio"))
                .body("find { it.id == 'income_support_rate' }.unit", equalTo("%"))
                .body("find { it.id == 'housing_aid_grants_4w' }.granularities", contains("week"))
                .body("find { it.id == 'protected_persons' }.definition", containsString("last day of the period"));
    }

    /**
     * pinned-catalogue.json is the answer before the indicators described themselves: each of its
     * entries is still answered field for field, in the same order; an indicator added since may stand
     * anywhere.
     */
    @Test
    void answersEveryPinnedCatalogueEntryAsBefore() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, JsonNode> answered = new LinkedHashMap<>();
        mapper.readTree(given().when().get("/v1/indicators").then().statusCode(200).extract().asByteArray())
                .forEach(entry -> answered.put(entry.get("id").asText(), entry));
        List<String> pinnedIds = new ArrayList<>();
        try (InputStream pinned = getClass().getResourceAsStream("/pinned-catalogue.json")) {
            for (JsonNode entry : mapper.readTree(pinned)) {
                String id = entry.get("id").asText();
                assertEquals(entry, answered.get(id), id);
                pinnedIds.add(id);
            }
        }
        assertEquals(pinnedIds, answered.keySet().stream().filter(pinnedIds::contains).toList());
    }

    @Test
    void listsTheGeoUnitsWithTheirParents() {
        given().when().get("/v1/geo").then().statusCode(200)
                .body("findAll { it.level == 'municipality' }", hasSize(565))
                .body("findAll { it.level == 'province' }", hasSize(10))
                .body("find { it.code == '21004' }.parent", equalTo("04000"))
                .body("find { it.code == '21004' }.names.fr", equalTo("Bruxelles"))
                .body("find { it.code == '44021' }.parent", equalTo("40000"))
                .body("find { it.code == '04000' }.level", equalTo("region"))
                .body("find { it.code == '01000' }.parent", equalTo(null));
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
                .when().get(SERIES).then().statusCode(400).body("errors.field", hasItem("from"))
                .body("detail", containsString("ISO week"));
        given().queryParam("geo", "44021").queryParam("to", "2024-W02")
                .when().get(SERIES).then().statusCode(400).body("errors.field", hasItem("to"));
        given().queryParam("geo", "44021").queryParam("granularity", "month")
                .when().get("/v1/indicators/housing_aid_grants_4w").then().statusCode(400)
                .body("errors.field", hasItem("granularity"));
        given().queryParam("geo", "44021").queryParam("format", "xml")
                .when().get(SERIES).then().statusCode(400).body("errors.field", hasItem("format"));
    }
}
