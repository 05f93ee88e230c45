package be.integrationmonitor.indicators;

import static be.integrationmonitor.indicators.IndicatorDefinition.names;

import be.integrationmonitor.indicators.Relation.RatioOf;
import be.integrationmonitor.indicators.period.PeriodAxis;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.Segment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * {@code income_support_rate}: 100 × income support recipients / protected persons, one decimal.
 * Its cell counts both itself (count: the denominator, numerator: the numerator), so that
 * disclosure control reads them from the cell.
 */
public final class IncomeSupportRate extends Indicator {

    static final String NUMERATOR = "n";
    static final String DENOMINATOR = "d";
    private static final RatioOf RATIO = new RatioOf(IncomeSupportRecipients.ID, ProtectedPersons.ID, 100);

    public IncomeSupportRate() {
        super(new IndicatorDefinition("income_support_rate", Kind.RATIO, "%",
                names("Aandeel met inkomenssteun", "Taux d'aide au revenu", "Income support rate"),
                "100 × income_support_recipients / protected_persons, one decimal.",
                DisclosureRule.RATIO, 1, IndicatorDefinition.ALL_GRANULARITIES, List.of(RATIO)));
    }

    @Override
    public void contribute(PersonTimeline person, List<Segment> segments, PeriodAxis axis, Contributions out) {
        for (Segment segment : segments) {
            if (segment.state().protectedPerson()) {
                int[] range = measuredIn(segment, axis);
                String municipality = segment.state().residence();
                out.add(key(axis, municipality, DENOMINATOR), range[0], range[1], 1);
                if (segment.state().receivesIncomeSupport()) {
                    out.add(key(axis, municipality, NUMERATOR), range[0], range[1], 1);
                }
            }
        }
    }

    @Override
    public CellResult value(Map<String, Long> components) {
        long numerator = components.getOrDefault(NUMERATOR, 0L);
        long denominator = components.getOrDefault(DENOMINATOR, 0L);
        Double rate = denominator == 0 ? null : BigDecimal.valueOf(RATIO.scale() * numerator)
                .divide(BigDecimal.valueOf(denominator), definition().decimals(), RoundingMode.HALF_UP).doubleValue();
        return new CellResult(rate, denominator, numerator);
    }
}
