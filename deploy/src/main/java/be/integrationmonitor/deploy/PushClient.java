package be.integrationmonitor.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A partner's side of {@code POST /v1/events}: NDJSON batches under a bearer token. */
public final class PushClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String pushUrl;
    private final String token;

    public PushClient(String pushUrl, String token) {
        this.pushUrl = pushUrl;
        this.token = token;
    }

    /** Pushes the events as one NDJSON request; returns the HTTP status and the parsed answer. */
    public Answer push(List<Map<String, Object>> events) {
        String body = events.stream().map(PushClient::json).collect(Collectors.joining("\n"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(pushUrl + "/v1/events"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException("push to " + pushUrl + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The push API's answer. */
    public record Answer(int status, JsonNode body) {
    }
}
