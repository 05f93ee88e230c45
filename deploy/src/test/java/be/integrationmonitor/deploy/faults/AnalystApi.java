package be.integrationmonitor.deploy.faults;

import be.integrationmonitor.deploy.RunCommand;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The sink API as an analyst reads it: exact values, no small counts withheld. */
final class AnalystApi {

    /** The local run's analyst (sink API, profile local). */
    private static final String TOKEN = RunCommand.ANALYST_TOKEN;
    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1: the polling must not load the 2 cores it measures (bench/Freshness)
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final String apiUrl;

    AnalystApi(String apiUrl) {
        this.apiUrl = apiUrl;
    }

    /**
     * {@code GET /v1/indicators/{indicator}?geo=…&granularity=month} with the query's other
     * parameters; empty while the sink API is down or not ready.
     */
    Optional<JsonNode> monthlySeries(String indicator, String geo, String moreParameters) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/v1/indicators/" + indicator + "?geo=" + geo
                        + "&granularity=month" + moreParameters))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException sinkApiDown) {
            return Optional.empty();
        }
    }
}
