package be.integrationmonitor.indicators.person;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A person's distinct events in timeline order, and whether the person was erased (then further
 * events are ignored).
 */
public record PersonTimeline(List<TimelineEvent> events, boolean erased) {

    /** The ages at which a person enters or leaves an age-bound indicator (minors, elderly). */
    private static final int[] AGE_THRESHOLDS = {18, 65};

    public static PersonTimeline empty() {
        return new PersonTimeline(List.of(), false);
    }

    /** This timeline with the event added, or empty if it changes nothing (a known eventId, or erased). */
    public Optional<PersonTimeline> with(TimelineEvent event) {
        if (event.kind() == EventKind.ERASURE) {
            return erased ? Optional.empty() : Optional.of(new PersonTimeline(List.of(), true));
        }
        if (erased || events.stream().anyMatch(e -> e.eventId().equals(event.eventId()))) {
            return Optional.empty();
        }
        List<TimelineEvent> added = new ArrayList<>(events.size() + 1);
        added.addAll(events);
        int at = Collections.binarySearch(added, event, TimelineEvent.ORDER);
        added.add(at < 0 ? -at - 1 : at, event);
        return Optional.of(new PersonTimeline(List.copyOf(added), false));
    }

    /**
     * The person's states from the first event on: a new segment starts on every day with events
     * (after all of that day's events) and on the 1 January when the person turns 18 or 65.
     */
    public List<Segment> segments() {
        List<Segment> segments = new ArrayList<>();
        PersonState state = PersonState.NOBODY;
        int i = 0;
        while (i < events.size()) {
            long day = events.get(i).effectiveDay();
            while (i < events.size() && events.get(i).effectiveDay() == day) {
                state = state.after(events.get(i++));
            }
            LocalDate start = LocalDate.ofEpochDay(day);
            LocalDate end = i < events.size() ? LocalDate.ofEpochDay(events.get(i).effectiveDay()) : null;
            for (int threshold : AGE_THRESHOLDS) {
                LocalDate birthday = LocalDate.of(state.birthYear() + threshold, 1, 1);
                if (state.birthYear() != 0 && birthday.isAfter(start) && (end == null || birthday.isBefore(end))) {
                    segments.add(new Segment(start, birthday, state));
                    start = birthday;
                }
            }
            segments.add(new Segment(start, end, state));
        }
        return segments;
    }

    /** The first event of a kind matching {@code granted}, in timeline order. */
    public Optional<TimelineEvent> first(EventKind kind, boolean granted) {
        return events.stream().filter(e -> e.kind() == kind && e.granted() == granted).findFirst();
    }

    /** The residence on a day: the state after every event up to and including it. */
    public String residenceOn(LocalDate day) {
        PersonState state = PersonState.NOBODY;
        for (TimelineEvent event : events) {
            if (event.effectiveDay() > day.toEpochDay()) {
                break;
            }
            state = state.after(event);
        }
        return state.residence();
    }
}
