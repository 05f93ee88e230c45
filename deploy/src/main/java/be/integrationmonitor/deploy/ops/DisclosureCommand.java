package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.disclosure.audit.Audit;
import be.integrationmonitor.disclosure.audit.Cell;
import be.integrationmonitor.disclosure.audit.GeoHierarchy;
import be.integrationmonitor.disclosure.audit.Release;
import be.integrationmonitor.indicators.Catalogue;
import be.integrationmonitor.periods.Granularity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code disclosure}: disclosure control of the public view (docs/disclosure.md). */
@Command(name = "disclosure", mixinStandardHelpOptions = true, subcommands = DisclosureCommand.AuditCommand.class,
        description = "Disclosure control of the public view.")
public final class DisclosureCommand {

    private static final List<String> LEVELS = List.of("country", "region", "province", "municipality");

    /** {@code disclosure audit}: the attacker of docs/disclosure.md against a running sink API. */
    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = {"Reads every public answer of a sink API for the periods that end between --from and "
                    + "--to (snapshots at every level, weeks and months, every indicator) with the exact values "
                    + "behind them (analyst token), and computes for each withheld value the tightest interval a "
                    + "caller holding all those answers can prove (linear programming). Lists every withheld "
                    + "value narrowed below its protection level.",
                    "Exit code 0: none; 1: some (listed). No Kafka access."})
    static final class AuditCommand implements Callable<Integer> {

        @Option(names = "--sink-url", defaultValue = "http://127.0.0.1:8080",
                description = "The sink API's public URL (default: ${DEFAULT-VALUE}).")
        URI sink;

        @Option(names = "--analyst-token-file", required = true,
                description = "A file holding an analyst token: the exact values behind the withheld ones.")
        Path analystTokenFile;

        @Option(names = "--from", required = true, description = "First day (e.g. 2024-01-01): periods that end on or after it.")
        LocalDate from;

        @Option(names = "--to", required = true, description = "Last day: periods that end on or before it.")
        LocalDate to;

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final ObjectMapper json = new ObjectMapper();

        @Override
        public Integer call() throws IOException, InterruptedException {
            String analyst = Files.readString(analystTokenFile).strip();
            Map<Cell, Double> values = new HashMap<>();
            Set<Cell> withheld = new HashSet<>();
            for (Granularity granularity : Granularity.values()) {
                periods:
                for (String period : granularity.labels(granularity.lastDay(from), to)) {
                    if (granularity.parse(period).isAfter(to)) {
                        continue;
                    }
                    for (String level : LEVELS) {
                        String query = "/v1/snapshot?level=" + level + "&granularity=" + granularity.id() + "&period=" + period;
                        JsonNode shown = get(query, null);
                        if (shown == null) {
                            System.out.printf("[audit] %s %s: not public (not released), left out%n", granularity.id(), period);
                            continue periods;
                        }
                        read(granularity, period, shown, get(query, analyst), values, withheld);
                    }
                    System.out.printf("[audit] %s %s read: %d values so far, %d withheld%n", granularity.id(), period,
                            values.size(), withheld.size());
                }
            }
            Audit.Report report = Audit.of(new Release(values, withheld, hierarchy(), Catalogue.DEFINITIONS));
            report.findings().forEach(finding -> System.out.println("[audit] FOUND " + finding));
            System.out.printf("[audit] %d values, %d withheld, %d attacked: %s%n", values.size(), withheld.size(),
                    report.audited(), report.passed() ? "every withheld value keeps its protection level"
                            : report.findings().size() + " narrowed below their protection level");
            return report.passed() ? 0 : 1;
        }

        /** The analysts' values of one snapshot, and which of them the public does not see. */
        private static void read(Granularity granularity, String period, JsonNode shown, JsonNode exact,
                                 Map<Cell, Double> values, Set<Cell> withheld) {
            Map<String, JsonNode> shownRows = new HashMap<>();
            shown.get("rows").forEach(row -> shownRows.put(row.get("geo").asText(), row.get("values")));
            for (JsonNode row : exact.get("rows")) {
                String geo = row.get("geo").asText();
                row.get("values").fields().forEachRemaining(entry -> {
                    if (entry.getValue().get("value").isNull()) {
                        return; // undefined (a ratio over 0, a median over nobody): nothing to attack
                    }
                    Cell cell = new Cell(entry.getKey(), granularity, period, geo);
                    values.put(cell, entry.getValue().get("value").asDouble());
                    if (shownRows.get(geo).get(entry.getKey()).get("suppressed").asBoolean()) {
                        withheld.add(cell);
                    }
                });
            }
        }

        /** Each unit whose figures are the sum of others: from {@code /v1/geo}'s parents. */
        private GeoHierarchy hierarchy() throws IOException, InterruptedException {
            Map<String, List<String>> children = new HashMap<>();
            for (JsonNode unit : get("/v1/geo", null)) {
                if (unit.hasNonNull("parent")) {
                    children.computeIfAbsent(unit.get("parent").asText(), p -> new ArrayList<>()).add(unit.get("code").asText());
                }
            }
            return new GeoHierarchy(children);
        }

        /** The answer, or null when the public may not see the period yet (400). */
        private JsonNode get(String path, String analystToken) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(sink.resolve(path)).timeout(Duration.ofSeconds(60));
            if (analystToken != null) {
                request.header("Authorization", "Bearer " + analystToken);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 400 && analystToken == null && response.body().contains("not released yet")) {
                return null;
            }
            if (response.statusCode() != 200) {
                throw new IOException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return json.readTree(response.body());
        }
    }
}
