package be.integrationmonitor.producers.push;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import be.integrationmonitor.platform.PlatformTestResource;
import be.integrationmonitor.producers.support.Management;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * In the production profile the public port serves the push API only: health, metrics, the
 * OpenAPI document and the Swagger UI answer 404 there and are served on the management port
 * (probes, Prometheus, the operator tool's purge), which is kept off the public network.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(ManagementInterfaceTest.Production.class)
class ManagementInterfaceTest {

    private static final List<String> MANAGEMENT_PATHS =
            List.of("/q/metrics", "/q/swagger-ui/", "/q/openapi", "/q/health", "/q/health/live", "/q/health/ready");

    /**
     * application.properties without the test profile's settings, as the packaged service runs,
     * but for what production gives it from its secrets (the test key, public) and a single broker.
     */
    public static final class Production implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("im.pseudonymisation.key", "aW50ZWdyYXRpb24tbW9uaXRvci10ZXN0LWtleS0zMmI=",
                    "im.dedupe.replication-factor", "1");
        }
    }

    @Test
    void thePublicPortServesThePushApiOnly() {
        for (String path : MANAGEMENT_PATHS) {
            given().when().get(path).then().statusCode(404);
        }
        // the API is there: without a token, refused
        given().contentType("application/json").body("{}").when().post("/v1/events").then().statusCode(401);
    }

    @Test
    void theManagementPortServesHealthMetricsAndTheApiDocumentation() {
        Management.given().when().get("/q/health/live").then().statusCode(200);
        // ready or not yet (its Kafka clients may still be connecting): answered either way
        Management.given().when().get("/q/health/ready").then().statusCode(org.hamcrest.Matchers.oneOf(200, 503))
                .body(containsString("writing-version"));
        Management.given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
        Management.given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/v1/events"));
        Management.given().when().get("/q/swagger-ui/").then().statusCode(200);
        Management.given().contentType("application/json").body("{}").when().post("/v1/events").then().statusCode(404);
    }
}
