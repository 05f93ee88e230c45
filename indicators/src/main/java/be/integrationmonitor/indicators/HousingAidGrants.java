package be.integrationmonitor.indicators;

import static be.integrationmonitor.indicators.IndicatorDefinition.names;

import be.integrationmonitor.indicators.period.PeriodAxis;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.Segment;
import java.util.List;

/**
 * {@code housing_aid_grants}: HousingAidGranted events in the period, by the event's municipality;
 * the count of {@link HousingAidAmount} and the source of {@link HousingAidGrants4w}.
 */
public final class HousingAidGrants extends Indicator {

    public static final String ID = "housing_aid_grants";

    public HousingAidGrants() {
        super(IndicatorDefinition.count(ID, Kind.FLOW, "grants",
                names("Toekenningen huisvestingssteun", "Octrois d'aide au logement", "Housing aid grants"),
                "Number of housing aid grants (HousingAidGranted) in the period, by the event's municipality."));
    }

    @Override
    public void contribute(PersonTimeline person, List<Segment> segments, PeriodAxis axis, Contributions out) {
        HousingAid.grants(person, grant ->
                out.add(key(axis, grant.municipality(), COUNT), axis.index(grant.effectiveDate()), 1));
    }
}
