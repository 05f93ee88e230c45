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
 * and without {@code If-None-Match}, plain and gzip, measured by {@code wrk} with 64 connections,
 * against a trivial endpoint of the same JVM ({@code /q/health/live}, on its management interface:
 * another port of the same Vert.x instance) in the same run, once the stack has settled after the
 * freshness scenario.
 */
final class Serving {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+([\\d.]+)(us|ms|s)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([\\d.]+)(us|ms|s)");
    private static final String GZIP = "Accept-Encoding: gzip";
    private static final long SETTLED_SECONDS = 10;
    private static final long MAX_SETTLE_SECONDS = 600;

    private Serving() {
    }

    record Wrk(double rate, double p50, double p99) {
    }

    static void run(Report report, LocalStack stack) throws Exception {
        String snapshot = stack.apiUrl() + "/v1/snapshot?level=municipality&granularity=month&period=latest";
        settle(snapshot);
        HttpResponse<byte[]> plain = fetch(snapshot, null);
        HttpResponse<byte[]> gzip = fetch(snapshot, GZIP);
        Wrk trivial = wrk(stack.apiManagementUrl() + "/q/health/live");
        String baseline = String.format("%,.0f req/s, p50 %.1f ms, p99 %.1f ms (/q/health/live)", trivial.rate(),
                trivial.p50(), trivial.p99());
        String etag = "If-None-Match: " + plain.headers().firstValue("ETag").orElseThrow();
        String gzipEtag = "If-None-Match: " + gzip.headers().firstValue("ETag").orElseThrow();
        row(report, String.format("snapshot, 565 municipalities, public, %,d bytes", plain.body().length),
                wrk(snapshot), trivial, baseline);
        row(report, "same with If-None-Match (304)", wrk(snapshot, etag), trivial, baseline);
        row(report, String.format("same with Accept-Encoding: gzip (as browsers send), %,d bytes", gzip.body().length),
                wrk(snapshot, GZIP), trivial, baseline);
        row(report, "same with Accept-Encoding: gzip and If-None-Match (304)", wrk(snapshot, GZIP, gzipEtag), trivial,
                baseline);
    }

    /**
     * Waits until the engine has caught up with what came before (the snapshot has not changed for
     * {@value #SETTLED_SECONDS} s): a snapshot that changes is rendered again, and the engine's
     * catching up takes the CPU the server would use.
     */
    private static void settle(String snapshot) throws IOException, InterruptedException {
        long started = System.nanoTime();
        String etag = null;
        long unchangedSince = started;
        while (System.nanoTime() - unchangedSince < SETTLED_SECONDS * 1_000_000_000L
                && System.nanoTime() - started < MAX_SETTLE_SECONDS * 1_000_000_000L) {
            String now = fetch(snapshot, null).headers().firstValue("ETag").orElse("");
            if (!now.equals(etag)) {
                etag = now;
                unchangedSince = System.nanoTime();
            }
            Thread.sleep(1_000);
        }
        System.out.printf("[bench] serving: snapshot unchanged for %,d s, after %,d s of waiting (at most %d)%n",
                (System.nanoTime() - unchangedSince) / 1_000_000_000L, (System.nanoTime() - started) / 1_000_000_000L,
                MAX_SETTLE_SECONDS);
    }

    private static void row(Report report, String what, Wrk wrk, Wrk trivial, String baseline) {
        report.add("serving", what, describe(wrk), baseline, String.format("%.2f", wrk.rate() / trivial.rate()));
    }

    private static HttpResponse<byte[]> fetch(String url, String header) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (header != null) {
            String[] nameValue = header.split(": ", 2);
            request.header(nameValue[0], nameValue[1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String describe(Wrk wrk) {
        return String.format("%,.0f req/s, p50 %.1f ms, p99 %.1f ms", wrk.rate(), wrk.p50(), wrk.p99());
    }

    /** Whether {@code wrk} can be started (it prints its version, whatever its exit code). */
    static boolean wrkInstalled() {
        try {
            Process wrk = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            wrk.getInputStream().readAllBytes();
            wrk.waitFor();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** 5 s warm-up, then 15 s measured, 2 threads, 64 connections; headers as "Name: value". */
    static Wrk wrk(String url, String... headers) throws IOException, InterruptedException {
        run(url, headers, "5s");
        String out = run(url, headers, "15s");
        return new Wrk(number(RATE, out), millis(P50, out), millis(P99, out));
    }

    private static String run(String url, String[] headers, String duration) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c64", "-d" + duration, "--latency"));
        for (String header : headers) {
            command.addAll(List.of("-H", header));
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
