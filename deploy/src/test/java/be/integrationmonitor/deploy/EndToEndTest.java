package be.integrationmonitor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.platform.ChildJvm;
import be.integrationmonitor.platform.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton through real components: events pushed over HTTP to the producers, Avro on
 * the real broker with the real registry, the Kafka Streams engine, read back from the sink API.
 */
class EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Arlon: alone in its province (Luxembourg) in every test here. */
    private static final String ARLON = "81001";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalStack.Options options;
    private static LocalStack stack;
    private static PushClient immigrationOffice;

    @BeforeAll
    static void startStack() throws IOException {
        options = LocalStack.Options.ephemeral(Files.createTempDirectory("im-e2e-"));
        stack = LocalStack.start(options, message -> System.out.println("[e2e] " + message));
        immigrationOffice = new PushClient(stack.pushUrl(), SyntheticFeed.IMMIGRATION_OFFICE_TOKEN);
    }

    @AfterAll
    static void stopStackAndLeaveNothingBehind() {
        List<ChildJvm> jvms = stack.jvms();
        stack.close();
        assertThat(jvms).noneMatch(ChildJvm::isAlive);
        assertThat(options.ports()).noneMatch(Ports::isOpen);
    }

    @Test
    void pushedProtectionsBecomeTheProtectedPersonsSeries() throws Exception {
        Random random = new Random(1);
        List<Map<String, Object>> events = new ArrayList<>();
        List<String> brussels = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String number = SyntheticFeed.nationalNumber(1980 + i, random);
            brussels.add(number);
            events.add(protection(number, "2024-03-10", "21004", "GRANTED"));
        }
        events.add(protection(brussels.get(0), "2024-05-02", "21004", "ENDED"));
        for (int i = 0; i < 2; i++) {
            events.add(protection(SyntheticFeed.nationalNumber(2001 + i, random), "2024-03-15", "21001", "GRANTED"));
        }

        PushClient.Answer answer = immigrationOffice.push(events);
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.body().get("accepted").asInt()).isEqualTo(10);
        // a partner re-sending the same events changes nothing
        assertThat(immigrationOffice.push(events).status()).isEqualTo(202);

        String range = "&granularity=month&from=2024-02&to=2024-06";
        awaitSeries("21004" + range, "[0.0, 7.0, 7.0, 6.0, 6.0]");
        awaitSeries("04000" + range, "[0.0, 9.0, 9.0, 8.0, 8.0]");
        awaitSeries("01000" + range, "[0.0, 9.0, 9.0, 8.0, 8.0]");
        JsonNode anderlecht = get("/v1/indicators/protected_persons?geo=21001" + range, null);
        assertThat(anderlecht.get("level").asText()).isEqualTo("municipality");
        assertThat(anderlecht.get("points").get(1).get("suppressed").asBoolean())
                .as("2 persons are withheld from the public").isTrue();
        assertThat(anderlecht.get("points").get(1).get("value").isNull()).isTrue();
    }

    @Test
    void anErasedPersonLeavesEveryIndicator() throws Exception {
        Random random = new Random(2);
        List<String> numbers = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            numbers.add(SyntheticFeed.nationalNumber(1970 + i, random));
            events.add(protection(numbers.get(i), "2023-06-12", "44021", "GRANTED"));
        }
        assertThat(immigrationOffice.push(events).status()).isEqualTo(202);
        String range = "&granularity=month&from=2023-05&to=2023-07";
        awaitSeries("44021" + range, "[0.0, 6.0, 6.0]");

        Path key = options.dataDir().resolve("secrets/pseudonymisation.key");
        InputStream in = System.in;
        // as an operator pipes it: never on the command line
        System.setIn(new ByteArrayInputStream((numbers.get(0) + "\n").getBytes(StandardCharsets.US_ASCII)));
        try {
            int exit = Cli.commandLine().execute("erase", "--bootstrap-servers", stack.platform().bootstrapServers(),
                    "--national-number", "--key-file", key.toString());
            assertThat(exit).isZero();
        } finally {
            System.setIn(in);
        }
        awaitSeries("44021" + range, "[0.0, 5.0, 5.0]");

        // the erased person's events never count again, even when re-sent
        assertThat(immigrationOffice.push(List.of(protection(numbers.get(0), "2023-07-03", "44021", "GRANTED")))
                .status()).isEqualTo(202);
        Thread.sleep(3_000);
        awaitSeries("44021" + range, "[0.0, 5.0, 5.0]");
    }

    /**
     * The attack across indicators on the public view: in Arlon 3 of 12 income-support recipients
     * get the integration income, withheld at every level (the only municipality with data), while
     * the equivalent income (9) and the recipients (12) are shown: 12 - 9 = 3. {@code disclosure
     * audit}, run as an operator runs it against the running sink API, finds and names it.
     */
    @Test
    void theDisclosureAuditFindsAWithheldValueOtherIndicatorsGiveAway() throws Exception {
        Random random = new Random(3);
        List<Map<String, Object>> protections = new ArrayList<>();
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String number = SyntheticFeed.nationalNumber(1960 + i, random);
            protections.add(protection(number, "2024-09-02", ARLON, "GRANTED"));
            Map<String, Object> decision = new LinkedHashMap<>();
            decision.put("type", "IncomeSupportDecided");
            decision.put("eventId", UUID.randomUUID().toString());
            decision.put("nationalNumber", number);
            decision.put("effectiveDate", "2024-09-10");
            decision.put("municipality", ARLON);
            decision.put("supportType", i < 3 ? "INTEGRATION_INCOME" : "EQUIVALENT_INCOME");
            decision.put("decision", "GRANTED");
            decision.put("category", "SINGLE");
            decision.put("monthlyAmountCents", 126_317);
            decisions.add(decision);
        }
        assertThat(immigrationOffice.push(protections).status()).isEqualTo(202);
        assertThat(immigrationOffice.as(SyntheticFeed.token("ocmw-" + ARLON)).push(decisions).status()).isEqualTo(202);
        awaitSeries("income_support_recipients", ARLON + "&granularity=month&from=2024-09&to=2024-09", "[12.0]");
        JsonNode shown = get("/v1/snapshot?level=country&granularity=month&period=2024-09", null).get("rows").get(0);
        assertThat(shown.at("/values/integration_income_recipients/confStatus").asText()).isEqualTo("A");
        assertThat(shown.at("/values/equivalent_income_recipients/value").asDouble()).isEqualTo(9.0);

        Path token = Files.writeString(options.dataDir().resolve("analyst.token"), RunCommand.ANALYST_TOKEN);
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Cli.commandLine().execute("disclosure", "audit", "--sink-url", stack.apiUrl(),
                    "--analyst-token-file", token.toString(), "--from", "2024-09-01", "--to", "2024-09-30");
        } finally {
            System.setOut(out);
        }
        String report = printed.toString(StandardCharsets.UTF_8);
        System.out.println(report);
        assertThat(exit).as(report).isEqualTo(1);
        assertThat(report).contains("FOUND integration_income_recipients/month/2024-09/" + ARLON + " = 3.0");
    }

    @Test
    void invalidEventsAreRejectedWithTheFieldAndNothingIsPublished() {
        Map<String, Object> event = protection("12345678901", "2024-03-10", "99999", "MAYBE");
        PushClient.Answer answer = immigrationOffice.push(List.of(event));
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().get("results").get(0).get("status").asText()).isEqualTo("rejected");
        assertThat(answer.body().get("errors").findValuesAsText("field"))
                .contains("nationalNumber", "municipality", "status");
        assertThat(answer.body().toString()).doesNotContain("12345678901");

        PushClient.Answer anonymous = new PushClient(stack.pushUrl(), "wrong-token").push(List.of(event));
        assertThat(anonymous.status()).isEqualTo(401);
    }

    private static Map<String, Object> protection(String nationalNumber, String date, String municipality, String status) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "ProtectionStatusChanged");
        event.put("eventId", UUID.randomUUID().toString());
        event.put("nationalNumber", nationalNumber);
        event.put("effectiveDate", date);
        event.put("municipality", municipality);
        event.put("status", status);
        event.put("birthYear", 1985);
        event.put("sex", "F");
        event.put("unaccompaniedMinor", false);
        return event;
    }

    /** Polls the analysts' exact series until it holds the expected values (the engine is asynchronous). */
    private static void awaitSeries(String query, String expectedValues) throws Exception {
        awaitSeries("protected_persons", query, expectedValues);
    }

    private static void awaitSeries(String indicator, String query, String expectedValues) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String values = null;
        while (System.nanoTime() < deadline) {
            JsonNode series = get("/v1/indicators/" + indicator + "?geo=" + query, RunCommand.ANALYST_TOKEN);
            values = series.get("points").findValuesAsText("value").toString();
            if (values.equals(expectedValues)) {
                return;
            }
            Thread.sleep(250);
        }
        assertThat(values).as("series for " + query).isEqualTo(expectedValues);
    }

    /** GETs a sink API path, as an analyst when a token is given, else as the public. */
    private static JsonNode get(String path, String analystToken) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.apiUrl() + path));
        if (analystToken != null) {
            request.header("Authorization", "Bearer " + analystToken);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
