package be.integrationmonitor.producers.push;

import static be.integrationmonitor.producers.support.TestData.IMMIGRATION_OFFICE;
import static be.integrationmonitor.producers.support.TestData.nationalNumber;
import static be.integrationmonitor.producers.support.TestData.protection;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import be.integrationmonitor.producers.support.Management;
import be.integrationmonitor.platform.PlatformTestResource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The push API's limits (docs/security.md) against junk as an attacker or a runaway script sends it:
 * each answered with a clear status, the service still alive and accepting afterwards. Measured
 * before: 30 MiB of junk lines got a 500, and a few such requests exhausted the heap.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class PushLimitsTest {

    private static final int MIB = 1 << 20;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/v1/events")
    URL events;

    @Test
    void thirtyMebibytesOfJunkLinesAreCutAtTheLineLimitAndTheServiceStaysAlive() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            HttpResponse<String> answer = post("application/x-ndjson", junk(30 * MIB, 1_000, true));
            assertThat(answer.statusCode()).isEqualTo(413);
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.get("detail").asText()).contains("at most 10000 lines");
            assertThat(problem.get("results")).hasSize(10_000);
        }
        assertStillAccepting();
    }

    @Test
    void aLineBeyondItsLimitIsRejectedWithoutBeingKeptAndTheNextLinesCount() throws Exception {
        String valid = protection(nationalNumber(false), "21004").toString();
        InputStream body = new java.io.SequenceInputStream(junk(MIB + 1, MIB, true),
                new java.io.ByteArrayInputStream((valid + "\n").getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> answer = post("application/x-ndjson", body);
        assertThat(answer.statusCode()).isEqualTo(202);
        JsonNode result = JSON.readTree(answer.body());
        assertThat(result.at("/results/0/errors/0/message").asText()).contains("line longer than 65536 bytes");
        assertThat(result.at("/results/1/status").asText()).isEqualTo("accepted");
    }

    @Test
    void aSingleEventBeyondItsLimitOrDeeplyNestedOrABodyBeyondTheBodyLimitIsRefused() throws Exception {
        assertThat(post("application/json", junk(100 * 1024, 100 * 1024, false)).statusCode()).isEqualTo(413);
        String nested = "{\"type\":\"ProtectionStatusChanged\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
        given().header("Authorization", "Bearer " + IMMIGRATION_OFFICE).contentType("application/json")
                .body(nested).post("/v1/events").then().statusCode(422)
                .body("results[0].errors[0].message", containsString("JSON limits"));
        String longString = protection(nationalNumber(false), "21004").put("municipality", "1".repeat(5_000)).toString();
        given().header("Authorization", "Bearer " + IMMIGRATION_OFFICE).contentType("application/json")
                .body(longString).post("/v1/events").then().statusCode(422)
                .body("results[0].errors[0].message", containsString("JSON limits"));
        assertThat(post("application/x-ndjson", junk(33 * MIB, 1_000, true)).statusCode()).isEqualTo(413);
        assertStillAccepting();
    }

    private void assertStillAccepting() {
        Management.given().when().get("/q/health/live").then().statusCode(200);
        given().header("Authorization", "Bearer " + IMMIGRATION_OFFICE).contentType("application/json")
                .body(protection(nationalNumber(false), "21004").toString()).post("/v1/events")
                .then().statusCode(202).body("accepted", equalTo(1));
    }

    private HttpResponse<String> post(String contentType, InputStream body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(events.toString()))
                .header("Authorization", "Bearer " + IMMIGRATION_OFFICE).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code size} bytes of 'x', a newline after every {@code lineLength} when {@code lines}; made as read. */
    private static InputStream junk(long size, int lineLength, boolean lines) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                if (position >= size) {
                    return -1;
                }
                position++;
                return lines && position % (lineLength + 1) == 0 ? '\n' : 'x';
            }
        };
    }
}
