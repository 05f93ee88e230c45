package be.integrationmonitor.indicators;

import static be.integrationmonitor.indicators.IndicatorDefinition.names;

import be.integrationmonitor.indicators.Relation.AmountOf;
import be.integrationmonitor.indicators.period.PeriodAxis;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.Segment;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * {@code housing_aid_amount_eur}: the euro granted as housing aid in the period; the amount of the
 * {@link HousingAidGrants}, whose number is its count.
 */
public final class HousingAidAmount extends Indicator {

    static final String CENTS = "cents";

    public HousingAidAmount() {
        super(new IndicatorDefinition("housing_aid_amount_eur", Kind.FLOW, "EUR",
                names("Bedrag huisvestingssteun", "Montant de l'aide au logement", "Housing aid amount"),
                "Sum of the housing aid granted in the period, in euro, two decimals, by the event's municipality.",
                DisclosureRule.AMOUNT, 2, IndicatorDefinition.ALL_GRANULARITIES,
                List.of(new AmountOf(HousingAidGrants.ID))));
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
        return new CellResult(BigDecimal.valueOf(components.getOrDefault(CENTS, 0L), definition().decimals())
                .doubleValue(), grants, null);
    }
}
