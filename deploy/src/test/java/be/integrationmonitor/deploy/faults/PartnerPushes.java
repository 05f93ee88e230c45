package be.integrationmonitor.deploy.faults;

import be.integrationmonitor.deploy.PushClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every push of the suite and what the push API answered. A batch is re-sent until it is accepted,
 * as a partner would: after a 503's or 429's Retry-After, a second after the API could not be
 * reached (re-sending is safe: lines already accepted come back duplicate).
 */
final class PartnerPushes {

    /** {@link Attempt#status()} of a request that got no answer (the push API was down). */
    static final int UNREACHABLE = -1;

    /** One request: when it ended ({@link System#nanoTime()}) and its HTTP status or {@link #UNREACHABLE}. */
    record Attempt(long at, int status) {

        /** Not the API's answer to a sound request: a fault got in the way (a 429 is the partner's own quota). */
        boolean failed() {
            return status != 202 && status != 429;
        }
    }

    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final Set<String> resent = ConcurrentHashMap.newKeySet();
    private final List<Attempt> attempts = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();

    /** Pushes one partner's batch until the API accepts it; the eventIds answered accepted are kept. */
    void untilAccepted(PushClient asPartner, List<Map<String, Object>> batch) throws InterruptedException {
        while (true) {
            PushClient.Answer answer;
            try {
                answer = asPartner.push(batch);
            } catch (UncheckedIOException unreachable) {
                record(UNREACHABLE);
                resending(batch);
                Thread.sleep(1_000);
                continue;
            }
            record(answer.status());
            keepAccepted(answer);
            if (answer.status() == 202) {
                if (answer.body().path("rejected").asLong() > 0) {
                    violation("a valid batch had rejected lines: " + answer.body().path("results"));
                }
                return;
            }
            resending(batch);
            if (answer.status() == 503 || answer.status() == 429) {
                if (answer.retryAfterSeconds() <= 0) {
                    violation(answer.status() + " without a Retry-After");
                }
                Thread.sleep(Math.max(1, answer.retryAfterSeconds()) * 1_000);
            } else {
                violation("answered " + answer.status() + ": " + answer.body());
                Thread.sleep(1_000);
            }
        }
    }

    /**
     * Keeps the lines an answer reports accepted: every line of a 202, the lines written before a
     * 503 (docs/api.md: "the body lists the lines that were written").
     */
    void keepAccepted(PushClient.Answer answer) {
        for (JsonNode line : answer.body().path("results")) {
            if (line.path("status").asText().equals("accepted")) {
                accepted.add(line.path("eventId").asText());
            }
        }
    }

    private void resending(List<Map<String, Object>> batch) {
        batch.forEach(event -> resent.add((String) event.get("eventId")));
    }

    private synchronized void record(int status) {
        attempts.add(new Attempt(System.nanoTime(), status));
    }

    private synchronized void violation(String what) {
        violations.add(what);
    }

    /** The eventIds the API answered accepted. */
    Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    /** The eventIds of batches that had to be sent again: only these may be in Kafka twice. */
    Set<String> resent() {
        return Set.copyOf(resent);
    }

    synchronized List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** Answers the API must never give: rejected valid lines, a 5xx other than 503, a 503 without Retry-After. */
    synchronized List<String> violations() {
        return List.copyOf(violations);
    }
}
