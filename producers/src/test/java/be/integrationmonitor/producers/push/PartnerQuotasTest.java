package be.integrationmonitor.producers.push;

import static be.integrationmonitor.producers.support.TestData.IMMIGRATION_OFFICE;
import static be.integrationmonitor.producers.support.TestData.OCMW_GENT;
import static be.integrationmonitor.producers.support.TestData.nationalNumber;
import static be.integrationmonitor.producers.support.TestData.protection;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.platform.PlatformTestResource;
import be.integrationmonitor.producers.support.TestData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One partner's runaway script gets 429 with Retry-After; another partner is served meanwhile. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(PartnerQuotasTest.SmallShares.class)
class PartnerQuotasTest {

    public static class SmallShares implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("im.push.quota.requests-per-second", "1", "im.push.quota.burst", "5",
                    "im.push.quota.concurrent", "1");
        }
    }

    @TestHTTPResource("/v1/events")
    URL events;

    @Test
    void aPartnerOverItsRateGets429WithRetryAfterWhileAnotherIsServed() {
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answers.add(push(IMMIGRATION_OFFICE, protection(nationalNumber(false), "21004").toString()));
        }
        assertThat(answers).extracting(Response::statusCode).contains(202, 429);
        assertThat(answers.stream().filter(a -> a.statusCode() == 202).count()).isBetween(5L, 7L);
        Response refused = answers.stream().filter(a -> a.statusCode() == 429).findFirst().orElseThrow();
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 2L);
        assertThat(refused.jsonPath().getString("detail")).contains("immigration-office is over its share");

        assertThat(push(OCMW_GENT, TestData.housingAid(nationalNumber(true), "44021").toString()).statusCode())
                .isEqualTo(202);
    }

    @Test
    void aPartnerWithARequestInProgressGets429ForTheNextUntilItEnds() throws Exception {
        Thread.sleep(6_000); // the other test's burst refilled
        // a request whose body streams slowly holds its place: headers and a first line, not the end
        byte[] line = (protection(nationalNumber(false), "21004") + "\n").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(events.getHost(), events.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + events.getPath() + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + IMMIGRATION_OFFICE + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(line.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(line);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(1_500);
            Response second = push(IMMIGRATION_OFFICE, protection(nationalNumber(false), "21004").toString());
            assertThat(second.statusCode()).isEqualTo(429);

            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 202 Accepted");
        }
        Thread.sleep(1_000);
        assertThat(push(IMMIGRATION_OFFICE, protection(nationalNumber(false), "21004").toString()).statusCode())
                .isEqualTo(202);
    }

    private static Response push(String token, String body) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/v1/events");
    }
}
