package be.integrationmonitor.indicators;

import be.integrationmonitor.indicators.period.PeriodAxis;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.Segment;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** {@code housing_aid_amount_eur}: the euro granted as housing aid in the period; its count is the grants. */
public final class HousingAidAmount implements Indicator {

    static final String CENTS = "cents";

    @Override
    public String id() {
        return "housing_aid_amount_eur";
    }

    @Override
    public void contribute(PersonTimeline person, List<Segment> segments, PeriodAxis axis, Contributions out) {
        HousingAid.grants(person, grant -> {
            int period = axis.index(grant.effectiveDate());
            out.add(key(axis, grant.municipality(), CENTS), period, grant.amountCents());
            out.add(key(axis, grant.municipality(), COUNT), period, 1);
        });
    }

    @Override
    public CellResult value(Map<String, Long> components) {
        long grants = components.getOrDefault(COUNT, 0L);
        return new CellResult(BigDecimal.valueOf(components.getOrDefault(CENTS, 0L), 2).doubleValue(), grants, null);
    }
}
