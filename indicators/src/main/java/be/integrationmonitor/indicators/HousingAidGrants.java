package be.integrationmonitor.indicators;

import be.integrationmonitor.indicators.period.PeriodAxis;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.Segment;
import java.util.List;

/** {@code housing_aid_grants}: HousingAidGranted events in the period, by the event's municipality. */
public final class HousingAidGrants implements Indicator {

    @Override
    public String id() {
        return "housing_aid_grants";
    }

    @Override
    public void contribute(PersonTimeline person, List<Segment> segments, PeriodAxis axis, Contributions out) {
        HousingAid.grants(person, grant ->
                out.add(key(axis, grant.municipality(), COUNT), axis.index(grant.effectiveDate()), 1));
    }
}
