package be.integrationmonitor.streams.indicator;

import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.streams.person.PersonTimeline;
import be.integrationmonitor.streams.person.TimelineEvent;
import java.time.LocalDate;

/**
 * {@code protected_persons} (stock): persons protected on the last day of the period, by their
 * residence on that day.
 */
public final class ProtectedPersons implements PersonIndicator {

    public static final String ID = "protected_persons";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void contribute(PersonTimeline person, Granularity granularity, LocalDate asOf, Contributions out) {
        if (person.events().isEmpty()) {
            return;
        }
        LocalDate last = granularity.lastDay(asOf);
        for (LocalDate day = granularity.lastDay(person.events().get(0).effectiveDate());
                !day.isAfter(last); day = granularity.nextLastDay(day)) {
            TimelineEvent latest = person.latestOnOrBefore(day).orElse(null);
            if (latest != null && latest.protectionGranted()) {
                out.add(ID, granularity.id(), latest.municipality(), granularity.label(day), 1);
            }
        }
    }
}
