package be.integrationmonitor.sink.state;

import java.time.Instant;

/** The feed cannot read, for this reason, since then; it retries with backoff meanwhile. */
public record FeedPause(String reason, Instant since) {
}
