package be.integrationmonitor.disclosure.audit;

import be.integrationmonitor.indicators.DisclosureRule;
import be.integrationmonitor.indicators.IndicatorDefinition;
import be.integrationmonitor.indicators.Kind;
import be.integrationmonitor.indicators.Relation;
import be.integrationmonitor.periods.Granularity;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Every linear relation a caller can rely on between the cells of a release:
 * <ul>
 *   <li>geo: a parent is the sum of its children (counts and amounts);</li>
 *   <li>indicators: their {@link Relation}s in each cell;</li>
 *   <li>weeks and months: a stock of a month that ends on a Sunday is the week's; flows of the weeks
 *       and of the months between two days where both start (and the data's first day) sum alike;</li>
 *   <li>rolling sums: a week's value is the sum of its source over the window.</li>
 * </ul>
 */
public final class ReleaseConstraints {

    private final Release release;
    private final Map<Granularity, List<String>> periods = new EnumMap<>(Granularity.class);
    private final Set<String> geos = new HashSet<>();
    private final List<Constraint> out = new ArrayList<>();

    private ReleaseConstraints(Release release) {
        this.release = release;
        for (Granularity granularity : Granularity.values()) {
            periods.put(granularity, release.values().keySet().stream().filter(c -> c.granularity() == granularity)
                    .map(Cell::period).distinct().sorted(Comparator.comparing(granularity::parse)).toList());
        }
        release.values().keySet().forEach(c -> geos.add(c.geo()));
    }

    public static List<Constraint> of(Release release) {
        ReleaseConstraints builder = new ReleaseConstraints(release);
        for (IndicatorDefinition indicator : release.indicators()) {
            builder.geo(indicator);
            builder.relations(indicator);
            builder.time(indicator);
        }
        return List.copyOf(builder.out);
    }

    /** Counts and amounts add up over the geo hierarchy; ratios and medians do not. */
    static boolean additive(IndicatorDefinition indicator) {
        return indicator.disclosure() == DisclosureRule.COUNT || indicator.disclosure() == DisclosureRule.AMOUNT;
    }

    private void geo(IndicatorDefinition indicator) {
        if (!additive(indicator)) {
            return;
        }
        forEachPeriod((granularity, period) -> release.geo().children().forEach((parent, children) -> {
            Cell total = cell(indicator.id(), granularity, period, parent);
            List<Cell> parts = children.stream().map(g -> cell(indicator.id(), granularity, period, g)).toList();
            if (exists(total) && parts.stream().allMatch(this::exists)) {
                out.add(Constraint.sum(total, parts));
            }
        }));
    }

    private void relations(IndicatorDefinition indicator) {
        for (Relation relation : indicator.relations()) {
            forEachPeriod((granularity, period) -> {
                for (String geo : geos) {
                    Cell cell = cell(indicator.id(), granularity, period, geo);
                    if (exists(cell)) {
                        relation(relation, cell, indicator.decimals());
                    }
                }
            });
        }
    }

    private void relation(Relation relation, Cell cell, int decimals) {
        if (relation instanceof Relation.UnionOf union) {
                List<Cell> parts = union.parts().stream().map(p -> same(cell, p)).filter(this::exists).toList();
                parts.forEach(part -> out.add(Constraint.builder().plus(cell, 1).plus(part, -1).atLeast(0)));
                double sum = parts.stream().mapToDouble(release.values()::get).sum();
                Constraint.Builder union1 = Constraint.builder().plus(cell, 1).minus(parts);
                // nobody in two parts here: the attacker is assumed to know it (it is the usual case)
                out.add(release.values().get(cell) == sum ? union1.equal(0) : union1.atMost(0));
        } else if (relation instanceof Relation.SubsetOf subset) {
                Cell whole = same(cell, subset.whole());
                if (exists(whole)) {
                    out.add(Constraint.builder().plus(cell, 1).plus(whole, -1).atMost(0));
                }
        } else if (relation instanceof Relation.RatioOf ratio) {
                Cell numerator = same(cell, ratio.numerator());
                Cell denominator = same(cell, ratio.denominator());
                if (!release.withheld().contains(cell) && exists(numerator) && exists(denominator)) {
                    double shown = release.values().get(cell);
                    double half = 0.5 * Math.pow(10, -decimals);
                    out.add(Constraint.builder().plus(numerator, ratio.scale()).plus(denominator, -(shown + half)).atMost(0));
                    out.add(Constraint.builder().plus(numerator, ratio.scale()).plus(denominator, -(shown - half)).atLeast(0));
                }
        } else if (relation instanceof Relation.RollingSumOf rolling) {
                if (cell.granularity() == Granularity.WEEK) {
                    LocalDate end = Granularity.WEEK.parse(cell.period());
                    List<Cell> window = new ArrayList<>();
                    for (int k = 0; k < rolling.weeks(); k++) {
                        Cell source = new Cell(rolling.source(), Granularity.WEEK,
                                Granularity.WEEK.label(end.minusWeeks(k)), cell.geo());
                        if (exists(source)) {
                            window.add(source); // weeks before the data's first are 0
                        }
                    }
                    out.add(Constraint.sum(cell, window));
                }
        }
    }

    private void time(IndicatorDefinition indicator) {
        if (measuredOnLastDay(indicator)) {
            stockTwins(indicator.id());
        } else if (indicator.kind() == Kind.FLOW && additive(indicator)) {
            flowSegments(indicator.id());
        } // a rolling sum: its relation ties it to its source's weeks
    }

    /** A stock, or a ratio of stocks: measured on the period's last day. */
    private boolean measuredOnLastDay(IndicatorDefinition indicator) {
        if (indicator.kind() == Kind.RATIO) {
            return indicator.relations().stream().filter(Relation.RatioOf.class::isInstance)
                    .map(r -> release.indicator(((Relation.RatioOf) r).numerator()))
                    .anyMatch(this::measuredOnLastDay);
        }
        return indicator.kind() == Kind.STOCK;
    }

    /** A month ending on a Sunday and the week ending that day measure the same stock. */
    private void stockTwins(String indicator) {
        for (String month : periods.get(Granularity.MONTH)) {
            LocalDate last = Granularity.MONTH.parse(month);
            if (last.getDayOfWeek() == DayOfWeek.SUNDAY) {
                String week = Granularity.WEEK.label(last);
                for (String geo : geos) {
                    Cell m = cell(indicator, Granularity.MONTH, month, geo);
                    Cell w = cell(indicator, Granularity.WEEK, week, geo);
                    if (exists(m) && exists(w)) {
                        out.add(Constraint.builder().plus(m, 1).plus(w, -1).equal(0));
                    }
                }
            }
        }
    }

    /**
     * Between two days where a week and a month both start (the data's first day counts as one: nothing
     * happened before it), the weeks and the months cover the same days and their flows sum alike.
     */
    private void flowSegments(String indicator) {
        List<String> weeks = periods.get(Granularity.WEEK);
        List<String> months = periods.get(Granularity.MONTH);
        if (weeks.isEmpty() || months.isEmpty()) {
            return;
        }
        TreeSet<LocalDate> weekBounds = bounds(Granularity.WEEK, weeks);
        TreeSet<LocalDate> monthBounds = bounds(Granularity.MONTH, months);
        weekBounds.retainAll(monthBounds);
        LocalDate from = null;
        for (LocalDate to : weekBounds) {
            if (from != null) {
                LocalDate start = from;
                Predicate<LocalDate> inside = day -> !day.isBefore(start) && day.isBefore(to);
                List<String> w = within(Granularity.WEEK, weeks, inside);
                List<String> m = within(Granularity.MONTH, months, inside);
                for (String geo : geos) {
                    Constraint.Builder equation = Constraint.builder();
                    w.forEach(p -> equation.plus(cell(indicator, Granularity.WEEK, p, geo), 1));
                    m.forEach(p -> equation.plus(cell(indicator, Granularity.MONTH, p, geo), -1));
                    if (!w.isEmpty() && !m.isEmpty() && equation.equal(0).terms().keySet().stream().allMatch(this::exists)) {
                        out.add(equation.equal(0));
                    }
                }
            }
            from = to;
        }
    }

    /** The first day of each period and the day after the last; the first period starts with the data. */
    private static TreeSet<LocalDate> bounds(Granularity granularity, List<String> labels) {
        TreeSet<LocalDate> bounds = new TreeSet<>();
        bounds.add(LocalDate.MIN);
        for (int i = 0; i < labels.size(); i++) {
            LocalDate last = granularity.parse(labels.get(i));
            if (i > 0) {
                bounds.add(granularity.previousLastDay(last).plusDays(1));
            }
            bounds.add(last.plusDays(1));
        }
        return bounds;
    }

    private static List<String> within(Granularity granularity, List<String> labels, Predicate<LocalDate> inside) {
        List<String> within = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            LocalDate last = granularity.parse(labels.get(i));
            LocalDate first = i == 0 ? LocalDate.MIN : granularity.previousLastDay(last).plusDays(1);
            if (inside.test(first) && inside.test(last)) {
                within.add(labels.get(i));
            }
        }
        return within;
    }

    private void forEachPeriod(java.util.function.BiConsumer<Granularity, String> action) {
        periods.forEach((granularity, labels) -> labels.forEach(period -> action.accept(granularity, period)));
    }

    private boolean exists(Cell cell) {
        return release.values().containsKey(cell);
    }

    private static Cell same(Cell cell, String indicator) {
        return new Cell(indicator, cell.granularity(), cell.period(), cell.geo());
    }

    private static Cell cell(String indicator, Granularity granularity, String period, String geo) {
        return new Cell(indicator, granularity, period, geo);
    }
}
