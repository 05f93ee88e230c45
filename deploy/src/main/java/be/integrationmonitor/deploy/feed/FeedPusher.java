package be.integrationmonitor.deploy.feed;

import be.integrationmonitor.deploy.PushClient;
import be.integrationmonitor.deploy.SyntheticFeed;
import be.integrationmonitor.deploy.SyntheticFeed.PartnerEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;

/**
 * Pushes events as the partners would: each partner with its own development token, NDJSON batches
 * of at most {@link #BATCH} of its events, several batches in parallel. A 503 is retried after its
 * Retry-After (re-sending is safe: accepted lines come back duplicate).
 */
public final class FeedPusher implements AutoCloseable {

    public static final int BATCH = 1_000;
    private static final int ATTEMPTS = 5;

    private final PushClient client;
    private final ExecutorService threads;

    public FeedPusher(String pushUrl, int threads) {
        this.client = new PushClient(pushUrl, SyntheticFeed.IMMIGRATION_OFFICE_TOKEN);
        this.threads = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "feed-push");
            thread.setDaemon(true); // never keeps a launcher alive
            return thread;
        });
    }

    /** What the push API answered, over all batches. */
    public record Totals(long accepted, long duplicates) {
    }

    /**
     * Pushes every event and returns once all are accepted or duplicate.
     *
     * @param pushed gets the number of events of each batch once it is answered
     * @throws IllegalStateException when a line is rejected or a batch keeps failing
     */
    public Totals push(List<PartnerEvent> events, LongConsumer pushed) {
        Map<String, List<Map<String, Object>>> byPartner = new LinkedHashMap<>();
        events.forEach(e -> byPartner.computeIfAbsent(e.partner(), p -> new ArrayList<>()).add(e.event()));
        List<CompletableFuture<PushClient.Answer>> batches = new ArrayList<>();
        byPartner.forEach((partner, partnerEvents) -> {
            PushClient asPartner = client.as(SyntheticFeed.token(partner));
            for (int start = 0; start < partnerEvents.size(); start += BATCH) {
                List<Map<String, Object>> batch = partnerEvents.subList(start, Math.min(start + BATCH, partnerEvents.size()));
                batches.add(CompletableFuture.supplyAsync(() -> {
                    PushClient.Answer answer = pushBatch(asPartner, partner, batch);
                    pushed.accept(batch.size());
                    return answer;
                }, threads));
            }
        });
        try {
            long accepted = 0;
            long duplicates = 0;
            for (CompletableFuture<PushClient.Answer> batch : batches) {
                accepted += batch.join().body().path("accepted").asLong();
                duplicates += batch.join().body().path("duplicates").asLong();
            }
            return new Totals(accepted, duplicates);
        } catch (CompletionException e) {
            batches.forEach(b -> b.cancel(false));
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static PushClient.Answer pushBatch(PushClient asPartner, String partner, List<Map<String, Object>> batch) {
        for (int attempt = 1; ; attempt++) {
            PushClient.Answer answer = asPartner.push(batch);
            if (answer.status() == 202 && answer.body().path("rejected").asLong() == 0) {
                return answer;
            }
            if (answer.status() != 503 || attempt == ATTEMPTS) {
                String body = answer.body().toString(); // field errors only: the API never repeats a value
                throw new IllegalStateException("push as " + partner + " answered " + answer.status() + ": "
                        + body.substring(0, Math.min(500, body.length())));
            }
            sleep(Math.max(1, answer.retryAfterSeconds()));
        }
    }

    private static void sleep(long seconds) {
        try {
            Thread.sleep(seconds * 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
