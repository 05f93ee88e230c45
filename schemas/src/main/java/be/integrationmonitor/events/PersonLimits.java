package be.integrationmonitor.events;

/** Bounds on one person's history, shared by the edge (which refuses) and the engine (which dead-letters). */
public final class PersonLimits {

    /**
     * The most events one person's timeline holds (docs/engine.md): 2,000 events are about 270 KB
     * stored, far below Kafka's 1 MB record limit, which a timeline must never reach (its changelog
     * write would fail and stop the engine); and more than a lifetime of monthly decisions.
     */
    public static final int MAX_EVENTS = 2_000;

    private PersonLimits() {
    }
}
