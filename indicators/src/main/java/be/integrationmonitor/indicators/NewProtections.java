package be.integrationmonitor.indicators;

import be.integrationmonitor.indicators.period.PeriodAxis;
import be.integrationmonitor.indicators.person.EventKind;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.Segment;
import java.util.List;

/** {@code new_protections}: persons whose first-ever protection GRANTED falls in the period, by its municipality. */
public final class NewProtections implements Indicator {

    @Override
    public String id() {
        return "new_protections";
    }

    @Override
    public void contribute(PersonTimeline person, List<Segment> segments, PeriodAxis axis, Contributions out) {
        person.first(EventKind.PROTECTION, true).ifPresent(first ->
                out.add(key(axis, first.municipality(), COUNT), axis.index(first.effectiveDate()), 1));
    }
}
