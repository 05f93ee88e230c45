package be.integrationmonitor.indicators;

import java.util.Locale;

/** What an indicator measures over a period (docs/domain.md, Indicators). */
public enum Kind {
    /** Persons in a state on the last day of the period. */
    STOCK,
    /** What happened in the period. */
    FLOW,
    /** One indicator over another in the same cell. */
    RATIO,
    /** A flow summed over the period and the ones before it. */
    ROLLING;

    /** Its name in the catalogue's answers and docs: {@code stock}, {@code flow}, {@code ratio}, {@code rolling}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
