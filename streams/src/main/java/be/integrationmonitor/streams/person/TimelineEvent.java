package be.integrationmonitor.streams.person;

import be.integrationmonitor.events.ProtectionStatus;
import be.integrationmonitor.events.ProtectionStatusChanged;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * One event of a person's timeline, reduced to what the indicators read. Dates are epoch days so
 * that the state store's JSON stays plain.
 *
 * @param protectionGranted for a ProtectionStatusChanged: GRANTED (true) or ENDED (false)
 */
public record TimelineEvent(String eventId, long effectiveDay, long recordedAt, String municipality,
                            boolean protectionGranted, int birthYear, boolean unaccompaniedMinor) {

    /** The timeline's order of domain.md: effectiveDate, then recordedAt, then eventId. */
    public static final Comparator<TimelineEvent> ORDER = Comparator.comparingLong(TimelineEvent::effectiveDay)
            .thenComparingLong(TimelineEvent::recordedAt)
            .thenComparing(TimelineEvent::eventId);

    public static TimelineEvent of(ProtectionStatusChanged event) {
        return new TimelineEvent(event.getEventId(), event.getEffectiveDate().toEpochDay(),
                event.getRecordedAt().toEpochMilli(), event.getMunicipality(),
                event.getStatus() == ProtectionStatus.GRANTED, event.getBirthYear(), event.getUnaccompaniedMinor());
    }

    public LocalDate effectiveDate() {
        return LocalDate.ofEpochDay(effectiveDay);
    }
}
