package be.integrationmonitor.streams.topology;

/**
 * When the series tasks of an engine instance emit. While the instance is busy (a replay, a bulk
 * load), emitting every interval would rewrite whole histories again and again: tasks emit in
 * rounds instead, every task once per round, and a new round begins once the last one's emissions,
 * summed, are at most 1/{@value #SHARE} of the time since it began (at the earliest an interval
 * later: rounds follow the tasks' schedule). So no task starves another, and more tasks do not
 * mean more time emitting. Once the instance has processed no event and no step for a while (the
 * time spent emitting aside), it is quiet and emits at once.
 */
final class EmissionPacing {

    private static final int SHARE = 5;

    private long round;
    private long roundStarted;
    private long spentNanos;
    /** Time spent emitting since the start, all tasks together. */
    private volatile long emittingNanos;
    private volatile long lastActivity;
    private volatile long emittingAtLastActivity;

    /** An event or a step was processed at {@code now}. */
    void active(long now) {
        lastActivity = now;
        emittingAtLastActivity = emittingNanos;
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
        if (now - roundStarted < SHARE * spentNanos / 1_000_000) {
            return -1;
        }
        roundStarted = now;
        spentNanos = 0;
        return ++round;
    }

    synchronized void spent(long nanos) {
        spentNanos += nanos;
        emittingNanos += nanos;
    }
}
