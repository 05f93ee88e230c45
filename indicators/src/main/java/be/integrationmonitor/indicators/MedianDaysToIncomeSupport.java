package be.integrationmonitor.indicators;

import static be.integrationmonitor.indicators.IndicatorDefinition.names;

import be.integrationmonitor.indicators.period.PeriodAxis;
import be.integrationmonitor.indicators.person.EventKind;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.Segment;
import be.integrationmonitor.indicators.person.TimelineEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code median_days_to_income_support}: over the persons whose first-ever income-support GRANTED
 * falls in the period, the median of the days since their first-ever protection GRANTED, by
 * residence on that day. A cell keeps a histogram (one component per number of days), so the
 * median is exact at every geo level. No relation: a median is no function of other cells.
 */
public final class MedianDaysToIncomeSupport extends Indicator {

    private static final String DAYS = "d";

    public MedianDaysToIncomeSupport() {
        super(new IndicatorDefinition("median_days_to_income_support", Kind.FLOW, "days",
                names("Mediaan aantal dagen tot inkomenssteun", "Nombre médian de jours jusqu'à l'aide au revenu",
                        "Median days to income support"),
                "For persons whose first-ever income-support GRANTED falls in the period: the median number of "
                        + "days from their first-ever protection GRANTED to it, by residence on that day; persons "
                        + "without an earlier protection are left out; with an even count, the mean of the two "
                        + "middle values; one decimal.",
                DisclosureRule.MEDIAN, 1, IndicatorDefinition.ALL_GRANULARITIES, List.of()));
    }

    @Override
    public void contribute(PersonTimeline person, List<Segment> segments, PeriodAxis axis, Contributions out) {
        TimelineEvent support = person.first(EventKind.INCOME_SUPPORT, true).orElse(null);
        TimelineEvent protection = person.first(EventKind.PROTECTION, true).orElse(null);
        if (support == null || protection == null || TimelineEvent.ORDER.compare(protection, support) > 0) {
            return;
        }
        int period = axis.index(support.effectiveDate());
        String residence = person.residenceOn(support.effectiveDate());
        if (residence != null) {
            long days = support.effectiveDay() - protection.effectiveDay();
            out.add(key(axis, residence, DAYS + days), period, 1);
        }
    }

    @Override
    public CellResult value(Map<String, Long> components) {
        TreeMap<Long, Long> histogram = new TreeMap<>();
        long persons = 0;
        for (Map.Entry<String, Long> component : components.entrySet()) {
            if (component.getValue() > 0) {
                histogram.put(Long.parseLong(component.getKey().substring(DAYS.length())), component.getValue());
                persons += component.getValue();
            }
        }
        if (persons == 0) {
            return new CellResult(null, 0, null);
        }
        long lower = nth(histogram, (persons - 1) / 2);
        long upper = nth(histogram, persons / 2);
        return new CellResult((lower + upper) / 2.0, persons, null);
    }

    /** The value at 0-based rank {@code rank} of the histogram's sorted values. */
    private static long nth(TreeMap<Long, Long> histogram, long rank) {
        long seen = 0;
        for (Map.Entry<Long, Long> bucket : histogram.entrySet()) {
            seen += bucket.getValue();
            if (rank < seen) {
                return bucket.getKey();
            }
        }
        throw new IllegalStateException("rank beyond the histogram");
    }
}
