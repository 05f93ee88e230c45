package be.integrationmonitor.streams.topology;

import org.jboss.logging.Logger;

/**
 * When the series tasks of an engine instance emit. An instance that keeps up with its input
 * (no record it processed in the last two intervals had been written to Kafka more than two
 * intervals, and at least 5 s, before) emits every interval: freshness first. A few late records
 * (a burst of load, a GC pause) put it in rounds for two intervals only: pacing a burst's
 * emissions for longer delayed them by seconds. An instance that is behind (a replay, a bulk
 * load, a backlog) would rewrite whole histories again and again if it did so: its tasks emit in
 * rounds instead, every task once per round, and a new round begins once the last one's
 * emissions, summed, are at most 1/{@value #SHARE} of the time since it began (at the earliest an
 * interval later: rounds follow the tasks' schedule). So no task starves another, and more tasks
 * do not mean more time emitting. One that is far behind (it processes records written a minute
 * or more before: a replay, a bulk load) begins a round at most every {@value #FAR_BEHIND_ROUNDS_MILLIS}
 * ms: a round then rewrites nearly every cell, which the next round or the last emission writes
 * again (a replay of 50,000 events wrote 2 million cells, 40 per event). Once the instance has
 * processed no event and no step for a while (the time spent emitting aside), it is quiet and
 * emits at once.
 */
final class EmissionPacing {

    private static final Logger LOG = Logger.getLogger(EmissionPacing.class);
    private static final int SHARE = 10;
    /** Load jitter (batched pushes, commits, a GC pause) delays records by a second or two. */
    private static final long MIN_BEHIND_MILLIS = 5_000;
    /** Records this old are history: a replay or a bulk load, not a burst of live traffic. */
    static final long FAR_BEHIND_MILLIS = 60_000;
    static final long FAR_BEHIND_ROUNDS_MILLIS = 300_000;

    /** A record written longer ago than this when processed means the instance is behind. */
    private final long behindMillis;
    /** ... for this long after it processed such a record. */
    private final long recentMillis;
    private long round;
    private long roundStarted;
    private long spentNanos;
    /** Time spent emitting since the start, all tasks together. */
    private volatile long emittingNanos;
    private volatile long lastActivity;
    private volatile long emittingAtLastActivity;
    private volatile long lastBehind = Long.MIN_VALUE / 2;
    private volatile long lastFarBehind = Long.MIN_VALUE / 2;

    EmissionPacing(long emitIntervalMillis) {
        this.behindMillis = Math.max(2 * emitIntervalMillis, MIN_BEHIND_MILLIS);
        this.recentMillis = 2 * emitIntervalMillis;
    }

    /** A record written to Kafka at {@code writtenAt} (its timestamp) was processed at {@code now}. */
    void active(long now, long writtenAt) {
        lastActivity = now;
        emittingAtLastActivity = emittingNanos;
        if (now - writtenAt > behindMillis) {
            if (caughtUp(now)) {
                LOG.debugf("behind: a record was processed %,d ms after it was written; emitting in rounds",
                        now - writtenAt);
            }
            lastBehind = now;
            if (now - writtenAt > FAR_BEHIND_MILLIS) {
                lastFarBehind = now;
            }
        }
    }

    /** No record processed in the last two intervals was older than the limit. */
    boolean caughtUp(long now) {
        return now - lastBehind > recentMillis;
    }

    /** How long the instance has processed nothing, not counting the time it spent emitting. */
    long idleMillis(long now) {
        return now - lastActivity - (emittingNanos - emittingAtLastActivity) / 1_000_000;
    }

    /**
     * @param emittedIn the round in which the task last emitted (0: never)
     * @return the round in which the task may emit now, or -1 if it must wait
     */
    synchronized long roundFor(long emittedIn, long now) {
        if (emittedIn < round) {
            return round;
        }
        if (now - roundStarted < SHARE * spentNanos / 1_000_000
                || now - lastFarBehind <= recentMillis && now - roundStarted < FAR_BEHIND_ROUNDS_MILLIS) {
            return -1;
        }
        roundStarted = now;
        spentNanos = 0;
        return ++round;
    }

    /**
     * A task emitted for {@code nanos}: in a round, or outside rounds because the instance was caught
     * up or quiet, which clears the rounds' debt (a replay's last, long round would otherwise hold
     * back the next one for minutes once live traffic makes the instance fall behind again).
     */
    synchronized void spent(long nanos, boolean inRound) {
        spentNanos = inRound ? spentNanos + nanos : 0;
        emittingNanos += nanos;
    }
}
