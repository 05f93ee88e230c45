package be.integrationmonitor.indicators;

import be.integrationmonitor.indicators.period.PeriodAxis;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.Segment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** {@code income_support_rate}: 100 × income support recipients / protected persons, one decimal. */
public final class IncomeSupportRate implements Indicator {

    static final String NUMERATOR = "n";
    static final String DENOMINATOR = "d";

    @Override
    public String id() {
        return "income_support_rate";
    }

    @Override
    public void contribute(PersonTimeline person, List<Segment> segments, PeriodAxis axis, Contributions out) {
        for (Segment segment : segments) {
            if (segment.state().protectedPerson()) {
                int[] range = Indicator.measuredIn(segment, axis);
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
        Double rate = denominator == 0 ? null : BigDecimal.valueOf(100 * numerator)
                .divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP).doubleValue();
        return new CellResult(rate, denominator, numerator);
    }
}
