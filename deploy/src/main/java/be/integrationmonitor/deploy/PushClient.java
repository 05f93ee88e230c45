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

    private final HttpClient http;
    private final String pushUrl;
    private final String token;

    public PushClient(String pushUrl, String token) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), pushUrl, token);
    }

    private PushClient(HttpClient http, String pushUrl, String token) {
        this.http = http;
        this.pushUrl = pushUrl;
        this.token = token;
    }

    /** The same push API as another partner, sharing this client's connections. */
    public PushClient as(String otherToken) {
        return new PushClient(http, pushUrl, otherToken);
    }

    /** Pushes the events as one NDJSON request; returns the HTTP status and the parsed answer. */
    public Answer push(List<Map<String, Object>> events) {
        return send("application/x-ndjson", events.stream().map(PushClient::json).collect(Collectors.joining("\n")));
    }

    /** Pushes one event as {@code application/json}. */
    public Answer pushOne(Map<String, Object> event) {
        return send("application/json", json(event));
    }

    private Answer send(String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(pushUrl + "/v1/events"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()),
                    response.headers().firstValueAsLong("Retry-After").orElse(0));
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

    /** The push API's answer; {@code retryAfterSeconds} is 0 unless a 503 says when to come back. */
    public record Answer(int status, JsonNode body, long retryAfterSeconds) {
    }
}
