package be.integrationmonitor.deploy.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Asks sink API instances which indicators topic they serve (their readiness check says). */
public final class SinkApis {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<URI> instances;

    public SinkApis(List<URI> instances) {
        this.instances = instances;
    }

    List<URI> instances() {
        return instances;
    }

    /** The topic an instance serves, or a short reason why it cannot say. */
    String served(URI instance) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(instance.resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode check : JSON.readTree(response.body()).path("checks")) {
                if (check.path("data").has("topic")) {
                    return check.path("data").path("topic").asText();
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

    public boolean allServe(String topic) {
        return instances.stream().allMatch(instance -> topic.equals(served(instance)));
    }
}
