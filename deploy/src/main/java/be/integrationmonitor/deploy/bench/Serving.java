package be.integrationmonitor.deploy.bench;

import be.integrationmonitor.deploy.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serving: requests/s and p50/p99 latency of the snapshot (municipality level, public view) with
 * and without {@code If-None-Match}, measured by {@code wrk} with 64 connections, against a trivial
 * endpoint of the same server ({@code /q/health/live}) in the same run.
 */
final class Serving {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+([\\d.]+)(us|ms|s)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([\\d.]+)(us|ms|s)");

    private Serving() {
    }

    record Wrk(double rate, double p50, double p99) {
    }

    static void run(Report report, LocalStack stack) throws Exception {
        String snapshot = stack.apiUrl() + "/v1/snapshot?level=municipality&granularity=month&period=latest";
        HttpResponse<String> first = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(snapshot)).build(),
                HttpResponse.BodyHandlers.ofString());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        Wrk trivial = wrk(stack.apiUrl() + "/q/health/live", null);
        Wrk full = wrk(snapshot, null);
        Wrk conditional = wrk(snapshot, etag);
        String baseline = String.format("%,.0f req/s, p50 %.1f ms, p99 %.1f ms (/q/health/live)", trivial.rate(),
                trivial.p50(), trivial.p99());
        report.add("serving", String.format("snapshot, 565 municipalities, public, %,d bytes", first.body()
                .getBytes(StandardCharsets.UTF_8).length), describe(full), baseline,
                String.format("%.2f", full.rate() / trivial.rate()));
        report.add("serving", "same with If-None-Match (304)", describe(conditional), baseline,
                String.format("%.2f", conditional.rate() / trivial.rate()));
    }

    private static String describe(Wrk wrk) {
        return String.format("%,.0f req/s, p50 %.1f ms, p99 %.1f ms", wrk.rate(), wrk.p50(), wrk.p99());
    }

    /** 5 s warm-up, then 15 s measured, 2 threads, 64 connections. */
    static Wrk wrk(String url, String ifNoneMatch) throws IOException, InterruptedException {
        run(url, ifNoneMatch, "5s");
        String out = run(url, ifNoneMatch, "15s");
        return new Wrk(number(RATE, out), millis(P50, out), millis(P99, out));
    }

    private static String run(String url, String ifNoneMatch, String duration) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c64", "-d" + duration, "--latency"));
        if (ifNoneMatch != null) {
            command.addAll(List.of("-H", "If-None-Match: " + ifNoneMatch));
        }
        command.add(url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IOException("wrk failed: " + out);
        }
        return out;
    }

    private static double number(Pattern pattern, String out) {
        Matcher m = pattern.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in wrk's output: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double millis(Pattern pattern, String out) {
        Matcher m = pattern.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in wrk's output: " + out);
        }
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}
