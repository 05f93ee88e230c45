package be.integrationmonitor.producers.support;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.net.URI;

/** Requests to the service's management interface (health, metrics, OpenAPI, Swagger UI): its own port, not the API's. */
public final class Management {

    private Management() {
    }

    /** Paths are given whole ({@code /q/health}): the management URL's own path (its root, {@code /q}) is left out. */
    public static RequestSpecification given() {
        URI management = URI.create(TestHTTPResourceManager.getManagementUri());
        return RestAssured.given().baseUri(management.getScheme() + "://" + management.getAuthority());
    }
}
