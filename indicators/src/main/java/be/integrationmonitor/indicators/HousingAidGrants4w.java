package be.integrationmonitor.indicators;

import static be.integrationmonitor.indicators.IndicatorDefinition.names;

import be.integrationmonitor.indicators.Relation.RollingSumOf;
import be.integrationmonitor.indicators.period.PeriodAxis;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.Segment;
import be.integrationmonitor.periods.Granularity;
import java.util.List;
import java.util.Set;

/** {@code housing_aid_grants_4w}: weeks only, the rolling sum of {@link HousingAidGrants} over 4 ISO weeks. */
public final class HousingAidGrants4w extends Indicator {

    private static final RollingSumOf WINDOW = new RollingSumOf(HousingAidGrants.ID, 4);

    public HousingAidGrants4w() {
        super(new IndicatorDefinition("housing_aid_grants_4w", Kind.ROLLING, "grants",
                names("Toekenningen huisvestingssteun (4 weken)", "Octrois d'aide au logement (4 semaines)",
                        "Housing aid grants (4 weeks)"),
                "Weeks only: housing_aid_grants summed over the 4 ISO weeks ending with the period.",
                DisclosureRule.COUNT, 0, Set.of(Granularity.WEEK), List.of(WINDOW)));
    }

    @Override
    public void contribute(PersonTimeline person, List<Segment> segments, PeriodAxis axis, Contributions out) {
        if (!definition().granularities().contains(axis.granularity())) {
            return;
        }
        HousingAid.grants(person, grant -> {
            int week = axis.index(grant.effectiveDate());
            out.add(key(axis, grant.municipality(), COUNT), week, week + WINDOW.weeks() - 1, 1);
        });
    }
}
