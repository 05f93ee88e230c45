package be.integrationmonitor.deploy.bench;

import be.integrationmonitor.deploy.LocalStack;
import be.integrationmonitor.deploy.PushClient;
import be.integrationmonitor.deploy.SyntheticFeed;
import be.integrationmonitor.geo.GeoLevel;
import be.integrationmonitor.geo.GeoUnit;
import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.periods.Granularity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Freshness: with a steady background load of 1,000 events/s pushed over HTTP, the time from a
 * probe's push being accepted to its effect being visible through the API. A probe is a new
 * person granted protection today in a municipality: {@code new_protections} of the current month
 * there goes up by one. The background is recent traffic: the synthetic feed's events of the 90
 * days before the current month, so it never moves that count, and its persons are never probes
 * (the feed never uses the birthday of probe national numbers). Probes run {@value #WORKERS} at a
 * time, each worker on municipalities of its own, from 3 minutes after the background began; each polls
 * the API every {@value #POLL_MS} ms. A probe not visible after 60 s counts as 60 s; the scenario
 * stops after 6 minutes.
 */
final class Freshness {

    /**
     * Probes at a time, and how often each polls: 80 polls/s over HTTP/1.1. The measurement must not
     * load the 2 cores it measures: 8 probes polling every 20 ms over HTTP/2 (the client's default)
     * took the sink API ~50 % of a core and the bench ~35 %, and the engine fell behind under them.
     */
    private static final int WORKERS = 4;
    private static final long POLL_MS = 50;
    /** Probes slower than this are printed with their time, to compare with the services' logs. */
    private static final long SLOW_MS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A probe not visible after this long counts as this long. */
    private static final long GIVE_UP_NANOS = 60_000_000_000L;
    /**
     * The background runs this long before the first probe: a steady load, not its start. In the
     * first minute and a half of the load, JIT compilation took 30-46 % of the engine's and the sink
     * API's CPU on 2 cores, and probes waited 20-50 s; from 2.5 minutes on they did not (BENCHMARKS.md,
     * "Profile").
     */
    private static final Duration WARM_UP = Duration.ofMinutes(3);
    /** The scenario stops probing after this long, with however many probes it has. */
    private static final Duration MAX_DURATION = Duration.ofMinutes(6);

    private Freshness() {
    }

    static void run(Report report, LocalStack stack, int probes, int backgroundRate) throws Exception {
        AtomicBoolean loading = new AtomicBoolean(true);
        Thread background = new Thread(() -> background(stack, backgroundRate, loading), "background-load");
        background.start();
        Thread.sleep(WARM_UP.toMillis());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + MAX_DURATION.toNanos();
        try {
            List<GeoUnit> municipalities = GeoUnits.get().ofLevel(GeoLevel.MUNICIPALITY);
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                workers.add(CompletableFuture.runAsync(() -> probe(stack, worker, municipalities,
                        probes / WORKERS, latencies, deadline)));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        } finally {
            loading.set(false);
            background.join();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        report.add("freshness", String.format("push accepted → visible in the API, %,d probes, background %,d events/s",
                sorted.size(), backgroundRate), String.format("p50 %d ms, p99 %d ms, max %d ms",
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.get(sorted.size() - 1)),
                "target p99 ≤ 1,000 ms", String.format("%.2f", percentile(sorted, 0.99) / 1000.0));
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static void probe(LocalStack stack, int worker, List<GeoUnit> municipalities, int probes,
                              List<Long> latencies, long deadline) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        PushClient office = new PushClient(stack.pushUrl(), SyntheticFeed.IMMIGRATION_OFFICE_TOKEN);
        Map<String, Integer> probesIn = new HashMap<>();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String month = Granularity.MONTH.label(today);
        for (int i = 0; i < probes; i++) {
            String municipality = municipalities.get((worker + WORKERS * i) % municipalities.size()).code();
            int expected = probesIn.getOrDefault(municipality, 0) + 1;
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("type", "ProtectionStatusChanged");
            event.put("eventId", UUID.randomUUID().toString());
            // born on the 30th: a day the synthetic feed never uses, so never one of its persons;
            // a different person for every probe of every worker
            int n = worker * probes + i;
            event.put("nationalNumber", SyntheticFeed.nationalNumber(1980 + n % 20, 1 + n / 20 % 12, 30,
                    1 + n / 240 % 997));
            event.put("effectiveDate", today.toString());
            event.put("municipality", municipality);
            event.put("status", "GRANTED");
            event.put("birthYear", 1990);
            event.put("sex", "F");
            event.put("unaccompaniedMinor", false);
            PushClient.Answer answer = office.pushOne(event);
            long accepted = System.nanoTime();
            LocalTime acceptedAt = LocalTime.now().withNano(0);
            if (answer.status() != 202 || answer.body().path("accepted").asInt() != 1) {
                throw new IllegalStateException("probe refused: " + answer.status() + " " + answer.body());
            }
            probesIn.put(municipality, expected);
            URI series = URI.create(stack.apiUrl() + "/v1/indicators/new_protections?geo=" + municipality
                    + "&granularity=month&from=" + month + "&to=" + month);
            while (value(http, series) < expected && System.nanoTime() - accepted < GIVE_UP_NANOS) {
                sleep(POLL_MS);
            }
            long latency = (System.nanoTime() - accepted) / 1_000_000; // a probe given up on counts as 60 s
            latencies.add(latency);
            if (latency > SLOW_MS) {
                System.out.printf("[bench] freshness: slow probe in %s, accepted at %s, visible after %,d ms%n",
                        municipality, acceptedAt, latency);
            }
            if (System.nanoTime() > deadline) {
                return;
            }
        }
    }

    private static double value(HttpClient http, URI series) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(series)
                    .header("Authorization", "Bearer dev-analyst").build(), HttpResponse.BodyHandlers.ofString());
            JsonNode value = JSON.readTree(response.body()).path("points").path(0).path("value");
            return value.isNumber() ? value.asDouble() : 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Protections of the synthetic feed in the 90 days before the current month, in batches every 100 ms. */
    private static void background(LocalStack stack, int rate, AtomicBoolean loading) {
        PushClient office = new PushClient(stack.pushUrl(), SyntheticFeed.IMMIGRATION_OFFICE_TOKEN);
        LocalDate lastMonthEnd = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusDays(1);
        SyntheticFeed feed = new SyntheticFeed(42, lastMonthEnd.minusDays(90), lastMonthEnd);
        int batch = rate / 10;
        List<Map<String, Object>> pending = new ArrayList<>();
        long next = System.nanoTime();
        for (int person = 10_000_000; loading.get(); person++) {
            feed.person(person).stream().filter(e -> e.partner().equals(SyntheticFeed.IMMIGRATION_OFFICE))
                    .forEach(e -> pending.add(e.event()));
            if (pending.size() >= batch) {
                office.push(new ArrayList<>(pending.subList(0, batch)));
                pending.subList(0, batch).clear();
                next += 100_000_000L;
                sleep((next - System.nanoTime()) / 1_000_000);
            }
        }
    }

    private static void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
