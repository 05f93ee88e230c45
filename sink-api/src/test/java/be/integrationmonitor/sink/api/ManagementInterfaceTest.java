package be.integrationmonitor.sink.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import be.integrationmonitor.platform.PlatformTestResource;
import be.integrationmonitor.sink.Management;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In the production profile the public port serves the dashboard and the API only: health,
 * metrics, the OpenAPI document and the Swagger UI answer 404 there and are served on the
 * management port (probes, Prometheus, the operator tool), which is kept off the public network.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(ManagementInterfaceTest.Production.class)
class ManagementInterfaceTest {

    private static final List<String> MANAGEMENT_PATHS =
            List.of("/q/metrics", "/q/swagger-ui/", "/q/openapi", "/q/health", "/q/health/live", "/q/health/ready");

    /** application.properties without the test profile's settings, as the packaged service runs. */
    public static final class Production implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }
    }

    @Test
    void thePublicPortServesTheApiAndTheDashboardOnly() {
        for (String path : MANAGEMENT_PATHS) {
            given().when().get(path).then().statusCode(404);
        }
        given().when().get("/v1/indicators").then().statusCode(200);
        given().when().get("/").then().statusCode(200).body(containsString("<title>Integration monitor</title>"));
    }

    @Test
    void theManagementPortServesHealthMetricsAndTheApiDocumentation() {
        Management.given().when().get("/q/health/live").then().statusCode(200);
        // ready or not yet (the served topic may still be read): answered either way
        Management.given().when().get("/q/health/ready").then().statusCode(org.hamcrest.Matchers.oneOf(200, 503))
                .body(containsString("indicators-caught-up"));
        Management.given().when().get("/q/metrics").then().statusCode(200).body(containsString("im_sink_cells"));
        Management.given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/v1/snapshot"));
        Management.given().when().get("/q/swagger-ui/").then().statusCode(200);
        Management.given().when().get("/v1/indicators").then().statusCode(404);
    }
}
