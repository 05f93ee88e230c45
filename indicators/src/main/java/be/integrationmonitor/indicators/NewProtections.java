package be.integrationmonitor.indicators;

import static be.integrationmonitor.indicators.IndicatorDefinition.names;

import be.integrationmonitor.indicators.period.PeriodAxis;
import be.integrationmonitor.indicators.person.EventKind;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.Segment;
import java.util.List;

/**
 * {@code new_protections}: persons whose first-ever protection GRANTED falls in the period, by its
 * municipality. No relation: a person counted here may have moved or lost protection by the
 * period's last day, so it is no subset of {@code protected_persons}.
 */
public final class NewProtections extends Indicator {


    public NewProtections() {
        super(IndicatorDefinition.count("new_protections", Kind.FLOW, "persons",
                names("Nieuwe beschermingen", "Nouvelles protections", "New protections"),
                "Persons whose first-ever protection GRANTED falls in the period, by that event's municipality."));
    }

    @Override
    public void contribute(PersonTimeline person, List<Segment> segments, PeriodAxis axis, Contributions out) {
        person.first(EventKind.PROTECTION, true).ifPresent(first ->
                out.add(key(axis, first.municipality(), COUNT), axis.index(first.effectiveDate()), 1));
    }
}
