package be.integrationmonitor.indicators;

import be.integrationmonitor.indicators.period.PeriodAxis;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.Segment;
import be.integrationmonitor.periods.Granularity;
import java.util.List;

/** {@code housing_aid_grants_4w}: weeks only, the grants of the 4 ISO weeks ending with the period. */
public final class HousingAidGrants4w implements Indicator {

    @Override
    public String id() {
        return "housing_aid_grants_4w";
    }

    @Override
    public void contribute(PersonTimeline person, List<Segment> segments, PeriodAxis axis, Contributions out) {
        if (axis.granularity() != Granularity.WEEK) {
            return;
        }
        HousingAid.grants(person, grant -> {
            int week = axis.index(grant.effectiveDate());
            out.add(key(axis, grant.municipality(), COUNT), week, week + 3, 1);
        });
    }
}
