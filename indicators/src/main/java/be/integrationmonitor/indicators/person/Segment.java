package be.integrationmonitor.indicators.person;

import java.time.LocalDate;

/**
 * A stretch of days over which a person's state does not change, and over which they do not turn
 * 18 or 65: from {@code start} until {@code end} (exclusive; null for open-ended).
 */
public record Segment(LocalDate start, LocalDate end, PersonState state) {

    /** The year of the segment's first day; age-bound indicators read the age in it. */
    public int year() {
        return start.getYear();
    }
}
