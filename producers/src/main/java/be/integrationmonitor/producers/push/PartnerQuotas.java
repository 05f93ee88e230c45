package be.integrationmonitor.producers.push;

import be.integrationmonitor.producers.partner.Partner;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Each partner's share of the push API, so that one partner's runaway script cannot starve the
 * others: a request rate (token bucket: a sustained rate and a burst) and a number of requests at
 * once (each holds a worker thread while its body streams in). Beyond either: 429 with Retry-After.
 */
@ApplicationScoped
public class PartnerQuotas {

    @ConfigMapping(prefix = "im.push.quota")
    public interface Settings {

        /** Sustained requests per second of one partner. */
        @WithDefault("20")
        int requestsPerSecond();

        /** Requests one partner may send at once above the sustained rate. */
        @WithDefault("100")
        int burst();

        /** Requests of one partner in progress at the same time. */
        @WithDefault("8")
        int concurrent();
    }

    /** A request let in: closing it gives its place back. */
    public interface Admission extends AutoCloseable {
        @Override
        void close();
    }

    private record Share(Bucket rate, Semaphore concurrent) {
    }

    private final Settings settings;
    private final Map<String, Share> shares = new ConcurrentHashMap<>(); // one per configured partner

    public PartnerQuotas(Settings settings) {
        this.settings = settings;
    }

    /** Empty when the partner is over its share; then {@link #retryAfter} says when to come back. */
    public Optional<Admission> admit(Partner partner) {
        Share share = shares.computeIfAbsent(partner.id(), id -> new Share(Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(settings.burst())
                        .refillGreedy(settings.requestsPerSecond(), Duration.ofSeconds(1)).build()).build(),
                new Semaphore(settings.concurrent())));
        if (!share.concurrent().tryAcquire()) {
            return Optional.empty();
        }
        if (!share.rate().tryConsume(1)) {
            share.concurrent().release();
            return Optional.empty();
        }
        return Optional.of(share.concurrent()::release);
    }

    /** Whole seconds until the partner's next request would be let in by its rate (at least 1). */
    public long retryAfter(Partner partner) {
        Share share = shares.get(partner.id());
        if (share == null) {
            return 1;
        }
        long nanos = share.rate().estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L); // rounded up
    }
}
