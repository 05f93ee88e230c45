package be.integrationmonitor.streams.person;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A person's distinct events in timeline order, and the day up to which the indicators last
 * counted them ({@code asOfDay}), so that the engine can retract exactly what it emitted.
 */
public record PersonTimeline(List<TimelineEvent> events, long asOfDay) {

    public static PersonTimeline empty() {
        return new PersonTimeline(List.of(), 0);
    }

    /** This timeline with the event added, or empty if an event with its eventId is already in it. */
    public Optional<PersonTimeline> with(TimelineEvent event, LocalDate asOf) {
        if (events.stream().anyMatch(e -> e.eventId().equals(event.eventId()))) {
            return Optional.empty();
        }
        List<TimelineEvent> added = new ArrayList<>(events);
        int at = Collections.binarySearch(added, event, TimelineEvent.ORDER);
        added.add(at < 0 ? -at - 1 : at, event);
        return Optional.of(new PersonTimeline(List.copyOf(added), asOf.toEpochDay()));
    }

    public LocalDate asOf() {
        return LocalDate.ofEpochDay(asOfDay);
    }

    /** The latest event with an effective date on or before {@code day}, by timeline order. */
    public Optional<TimelineEvent> latestOnOrBefore(LocalDate day) {
        long epochDay = day.toEpochDay();
        TimelineEvent latest = null;
        for (TimelineEvent event : events) {
            if (event.effectiveDay() > epochDay) {
                break;
            }
            latest = event;
        }
        return Optional.ofNullable(latest);
    }
}
