package be.integrationmonitor.sink.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import be.integrationmonitor.sink.Management;
import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.platform.PlatformTestResource;
import be.integrationmonitor.sink.IndicatorsTopic;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.zip.GZIPInputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The snapshot, conditional GET for pollers, CSV, and the service's own endpoints (OpenAPI, health, metrics). */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class SnapshotResourceTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Brussels"));
    /** The last week released to the public: the last that ended at least two days ago (im.release.cut-off). */
    private static final String LAST_WEEK = Granularity.WEEK.label(Granularity.WEEK.previousLastDay(TODAY.minusDays(2)));
    private static final String CURRENT_WEEK = Granularity.WEEK.label(TODAY);

    @BeforeAll
    static void writeIndicators() {
        try (IndicatorsTopic topic = new IndicatorsTopic()) {
            for (String geo : new String[] {"21004", "04000", "01000"}) {
                topic.count("protected_persons", "week", geo, LAST_WEEK, 20);
                topic.count("protected_persons", "week", geo, "2022-W10", 30);
                topic.count("protected_persons", "week", geo, CURRENT_WEEK, 25);
            }
            topic.count("protected_persons", "week", "01000", "2022-W11", 40);
        }
    }

    /** The records of @BeforeAll reached the sink (the server listens only once the tests run). */
    @BeforeEach
    void awaitIndicators() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> snapshot("region", LAST_WEEK)
                .body("rows.find { it.geo == '04000' }.values.protected_persons.value", equalTo(20.0f)));
    }

    private static io.restassured.response.ValidatableResponse snapshot(String level, String period) {
        return given().queryParam("level", level).queryParam("granularity", "week").queryParam("period", period)
                .when().get("/v1/snapshot").then().statusCode(200);
    }

    @Test
    void latestIsTheLastCompletePeriodAndEveryLevelHasItsUnits() {
        snapshot("region", "latest").body("period", equalTo(LAST_WEEK)).body("rows", hasSize(3))
                .body("indicators", hasItem("housing_aid_grants_4w"))
                .body("rows.find { it.geo == '02000' }.values.protected_persons.value", equalTo(0.0f));
        snapshot("municipality", LAST_WEEK).body("rows", hasSize(565))
                .body("rows.find { it.geo == '21004' }.values.protected_persons.value", equalTo(20.0f));
        snapshot("province", LAST_WEEK).body("rows", hasSize(11)).body("rows.geo", hasItem("04000"));
        snapshot("country", LAST_WEEK).body("rows", hasSize(1));
        given().queryParam("level", "country").when().get("/v1/snapshot").then().statusCode(200)
                .body("granularity", equalTo("month")).body("indicators", org.hamcrest.Matchers.not(hasItem("housing_aid_grants_4w")));
    }

    /**
     * Releases: the public sees a week two days after it ends, never the current one (a poller would
     * watch single persons come and go); analysts see it at once. Recent values are provisional
     * (SDMX OBS_STATUS P), old ones normal (A), in JSON and CSV.
     */
    @Test
    void theCurrentPeriodIsForAnalystsOnlyAndRecentValuesAreProvisional() {
        given().queryParam("level", "region").queryParam("granularity", "week").queryParam("period", CURRENT_WEEK)
                .when().get("/v1/snapshot").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("period"))
                .body("errors[0].message", containsString("not released yet"));
        given().header("Authorization", "Bearer test-analyst").queryParam("level", "region")
                .queryParam("granularity", "week").queryParam("period", CURRENT_WEEK).when().get("/v1/snapshot")
                .then().statusCode(200)
                .body("rows.find { it.geo == '04000' }.values.protected_persons.value", equalTo(25.0f));
        given().queryParam("geo", "04000").queryParam("granularity", "week").queryParam("from", LAST_WEEK)
                .when().get("/v1/indicators/protected_persons").then().statusCode(200)
                .body("points.period", org.hamcrest.Matchers.contains(LAST_WEEK))
                .body("points[0].obsStatus", equalTo("P")).body("points[0].confStatus", equalTo("F"));
        snapshot("region", "2022-W10").body("rows.find { it.geo == '04000' }.values.protected_persons.obsStatus",
                equalTo("A"));
        String csv = given().queryParam("geo", "01000").queryParam("granularity", "week").queryParam("from", "2022-W11")
                .queryParam("to", "2022-W11").queryParam("format", "csv")
                .when().get("/v1/indicators/protected_persons").then().statusCode(200).extract().asString();
        assertThat(csv.lines().toList()).containsExactly(
                "indicator,geo,level,granularity,period,value,suppressed,conf_status,obs_status",
                "protected_persons,01000,country,week,2022-W11,40,false,F,A");
    }

    @Test
    void pollersGet304UntilTheDataBehindTheAnswerChanges() {
        String etag = snapshot("region", "2022-W10")
                .header("Cache-Control", equalTo("public, max-age=30, must-revalidate"))
                .header("Vary", equalTo("Authorization, Accept, Accept-Encoding")).extract().header("ETag");
        assertThat(etag).startsWith("\"");
        given().header("If-None-Match", etag).queryParam("level", "region").queryParam("granularity", "week")
                .queryParam("period", "2022-W10").when().get("/v1/snapshot")
                .then().statusCode(304).header("ETag", equalTo(etag));
        String otherPeriod = snapshot("region", "2022-W11").extract().header("ETag");

        try (IndicatorsTopic topic = new IndicatorsTopic()) {
            topic.count("protected_persons", "week", "01000", "2022-W10", 31)
                    .count("protected_persons", "week", "02000", "2022-W10", 1);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                snapshot("region", "2022-W10").extract().header("ETag")).isNotEqualTo(etag));
        assertThat(snapshot("region", "2022-W11").extract().header("ETag")).isEqualTo(otherPeriod);
    }

    @TestHTTPResource("/v1/snapshot?level=municipality&granularity=week&period=2022-W10")
    URI municipalities;

    @Test
    void sendsGzipToClientsThatAcceptItWithItsOwnEtag() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> plain = get(client, municipalities, null, null);
        HttpResponse<byte[]> zipped = get(client, municipalities, "br, gzip;q=0.8", null);
        HttpResponse<byte[]> refused = get(client, municipalities, "gzip;q=0, identity", null);

        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(refused.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(refused.body()).isEqualTo(plain.body());
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        assertThat(zipped.body().length).isLessThan(plain.body().length / 5);
        String etag = zipped.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isNotEqualTo(plain.headers().firstValue("ETag").orElseThrow());
        assertThat(get(client, municipalities, "gzip", etag).statusCode()).isEqualTo(304);
        assertThat(get(client, municipalities, null, etag).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<byte[]> get(HttpClient client, URI uri, String acceptEncoding, String ifNoneMatch)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesCsvOnAcceptWithItsOwnEtag() {
        String json = snapshot("country", LAST_WEEK).extract().header("ETag");
        given().accept("text/csv").queryParam("level", "country").queryParam("granularity", "week")
                .queryParam("period", LAST_WEEK).when().get("/v1/snapshot")
                .then().statusCode(200).contentType(containsString("text/csv"))
                .header("ETag", org.hamcrest.Matchers.not(equalTo(json)))
                .body(org.hamcrest.Matchers.startsWith("geo,name_nl,name_fr,level,granularity,period,indicator,value,suppressed,"
                        + "conf_status,obs_status\r\n"))
                .body(containsString("01000,HET RIJK,ROYAUME,country,week," + LAST_WEEK + ",protected_persons,20,false,F,P\r\n"));
    }

    @Test
    void explainsBadParametersAsProblems() {
        given().queryParam("level", "street").when().get("/v1/snapshot")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("level"));
        given().queryParam("period", "2024-13").when().get("/v1/snapshot")
                .then().statusCode(400).body("errors.field", hasItem("period"));
        given().queryParam("granularity", "year").when().get("/v1/snapshot")
                .then().statusCode(400).body("errors.field", hasItem("granularity"));
    }

    @Test
    void documentsItselfAndReportsReadinessAndMetricsOnTheManagementPort() {
        Management.given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/snapshot"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/geo"));
        Management.given().when().get("/q/swagger-ui/").then().statusCode(200);
        Management.given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'indicators-caught-up' }.status", equalTo("UP"));
        Management.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("im_sink_cells"))
                .body(containsString("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/v1/snapshot\"}"));
        given().when().get("/").then().statusCode(200).body(containsString("<title>Integration monitor</title>"));
    }
}
