package be.integrationmonitor.streams.indicator;

import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.streams.person.PersonTimeline;
import java.time.LocalDate;

/**
 * An indicator that is a sum over persons: each person's timeline adds to some cells. The engine
 * keeps the sums exact by retracting a person's old contribution when the timeline changes.
 */
public interface PersonIndicator {

    /** The catalogue id, e.g. {@code protected_persons}. */
    String id();

    /**
     * Adds the person's contribution, for the periods of {@code granularity} up to the one holding
     * {@code asOf}, to {@code out}.
     */
    void contribute(PersonTimeline person, Granularity granularity, LocalDate asOf, Contributions out);
}
