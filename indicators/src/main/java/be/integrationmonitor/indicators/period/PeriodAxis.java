package be.integrationmonitor.indicators.period;

import be.integrationmonitor.periods.Granularity;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * The periods of one granularity numbered from 0, the period holding 2022-01-01 (the earliest
 * valid date): week 0 is 2021-W52, month 0 is 2022-01. Integer indexes make a person's stock a
 * few index ranges instead of one entry per period.
 */
public final class PeriodAxis {

    public static final LocalDate EPOCH = LocalDate.of(2022, 1, 1);
    private static final LocalDate FIRST_MONDAY = LocalDate.of(2021, 12, 27);

    /** Labels are kept up to this period: weeks until about 2210, months until 2855. */
    private static final int MAX_KEPT_LABEL = 10_000;

    private final Granularity granularity;
    private volatile String[] labels = new String[0];

    private PeriodAxis(Granularity granularity) {
        this.granularity = granularity;
    }

    private static final PeriodAxis WEEKS = new PeriodAxis(Granularity.WEEK);
    private static final PeriodAxis MONTHS = new PeriodAxis(Granularity.MONTH);

    public static PeriodAxis of(Granularity granularity) {
        return granularity == Granularity.WEEK ? WEEKS : MONTHS;
    }

    public Granularity granularity() {
        return granularity;
    }

    /** The index of the period holding {@code day}. */
    public int index(LocalDate day) {
        return granularity == Granularity.WEEK
                ? (int) Math.floorDiv(ChronoUnit.DAYS.between(FIRST_MONDAY, day), 7)
                : (day.getYear() - EPOCH.getYear()) * 12 + day.getMonthValue() - 1;
    }

    public LocalDate lastDay(int index) {
        return granularity == Granularity.WEEK
                ? FIRST_MONDAY.plusDays(7L * index + 6)
                : YearMonth.of(EPOCH.getYear(), 1).plusMonths(index).atEndOfMonth();
    }

    /**
     * The label of a period, e.g. {@code 2024-W10}: every emitted cell has one, so those from period
     * 0 on are made once and kept (a few hundred per granularity).
     */
    public String label(int index) {
        String[] known = labels;
        return index >= 0 && index < known.length ? known[index] : labelBeyond(index);
    }

    private synchronized String labelBeyond(int index) {
        if (index < 0 || index > MAX_KEPT_LABEL) {
            return granularity.label(lastDay(index));
        }
        if (index >= labels.length) {
            String[] more = Arrays.copyOf(labels, index + 64);
            for (int i = labels.length; i < more.length; i++) {
                more[i] = granularity.label(lastDay(i));
            }
            labels = more;
        }
        return labels[index];
    }

    /**
     * The last index of the periods whose last day falls before {@code end}: a state holding from
     * some day until {@code end} (exclusive) is what those periods measure.
     */
    public int lastEndingBefore(LocalDate end) {
        int index = index(end.minusDays(1));
        return lastDay(index).equals(end.minusDays(1)) ? index : index - 1;
    }
}
