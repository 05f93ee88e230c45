package be.integrationmonitor.streams.topology;

import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.indicators.period.PeriodAxis;
import be.integrationmonitor.indicators.person.TimelineEvent;

/**
 * The engine's own checks of what reaches it (the producers check more at the edge): a record
 * must be keyed by a person and hold a known municipality and a date the periods cover.
 */
final class EventValidation {

    private EventValidation() {
    }

    static TimelineEvent check(String personRef, TimelineEvent event) {
        if (personRef == null || personRef.isBlank()) {
            throw new InvalidEventException("record has no personRef key");
        }
        if (event.eventId() == null || event.eventId().isBlank()) {
            throw new InvalidEventException("event has no eventId");
        }
        if (!GeoUnits.get().isMunicipality(event.municipality())) {
            throw new InvalidEventException("municipality is not a REFNIS 2025 municipality");
        }
        if (event.effectiveDate().isBefore(PeriodAxis.EPOCH)) {
            throw new InvalidEventException("effectiveDate is before " + PeriodAxis.EPOCH);
        }
        return event;
    }
}
