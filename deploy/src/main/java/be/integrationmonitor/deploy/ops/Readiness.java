package be.integrationmonitor.deploy.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads one datum of a service instance's readiness check ({@code /q/health/ready} of its
 * management interface), as the operator tool waits on them.
 */
final class Readiness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** The datum's value as text, or a short reason why the instance cannot say. */
    String datum(URI instance, String name) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(instance.resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode check : JSON.readTree(response.body()).path("checks")) {
                if (check.path("data").has(name)) {
                    return check.path("data").path(name).asText();
                }
            }
            return "unknown (HTTP " + response.statusCode() + ")";
        } catch (IOException e) {
            return "unreachable (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
