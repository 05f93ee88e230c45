package be.integrationmonitor.disclosure.audit;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.periods.Granularity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The attacker against a plain reference: on a two-level table (a total, its groups, their units),
 * enumerate every whole-number filling of the withheld cells that agrees with what is shown; each
 * withheld cell's interval is exactly the least and greatest value it takes there.
 */
class AttackerPropertyTest {

    private static final int GROUPS = 2;
    private static final int UNITS = 3;

    @Property(tries = 300)
    void intervalsAreExactlyWhatEveryConsistentFillingAllows(
            @ForAll @Size(GROUPS * UNITS) List<@IntRange(min = 0, max = 4) Integer> units,
            @ForAll @Size(max = 4) Set<@IntRange(min = 0, max = GROUPS * UNITS + GROUPS) Integer> hide) {
        List<Cell> cells = new ArrayList<>();
        Map<Cell, Double> values = new HashMap<>();
        List<Constraint> constraints = new ArrayList<>();
        Cell total = cell("T");
        List<Cell> groups = new ArrayList<>();
        int sum = 0;
        for (int g = 0; g < GROUPS; g++) {
            Cell group = cell("G" + g);
            List<Cell> members = new ArrayList<>();
            int groupSum = 0;
            for (int u = 0; u < UNITS; u++) {
                Cell unit = cell("U" + g + u);
                members.add(unit);
                cells.add(unit);
                values.put(unit, (double) units.get(g * UNITS + u));
                groupSum += units.get(g * UNITS + u);
            }
            values.put(group, (double) groupSum);
            cells.add(group);
            groups.add(group);
            constraints.add(Constraint.sum(group, members));
            sum += groupSum;
        }
        values.put(total, (double) sum);
        cells.add(total);
        constraints.add(Constraint.sum(total, groups));

        Map<Cell, Double> shown = new HashMap<>(values);
        Map<Cell, Interval> withheld = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            if (hide.contains(i) && values.get(c) > 0) { // zeros are always shown
                shown.remove(c);
                withheld.put(c, Interval.atLeast(1));
            }
        }

        Map<Cell, Interval> intervals = Attacker.intervals(constraints, shown, withheld);

        Map<Cell, int[]> reference = enumerate(constraints, shown, new ArrayList<>(withheld.keySet()), sum);
        assertThat(intervals.keySet()).isEqualTo(withheld.keySet());
        reference.forEach((c, range) -> {
            Interval interval = intervals.get(c);
            assertThat(interval.low()).as(c + " low").isCloseTo(range[0], org.assertj.core.data.Offset.offset(1e-6));
            double high = Double.isInfinite(interval.high()) ? Integer.MAX_VALUE : interval.high();
            assertThat(high).as(c + " high").isCloseTo(range[1], org.assertj.core.data.Offset.offset(1e-6));
        });
    }

    /**
     * Least and greatest value of each withheld cell over every consistent filling up to a limit;
     * a greatest value that grows with the limit is unbounded (MAX_VALUE).
     */
    private static Map<Cell, int[]> enumerate(List<Constraint> constraints, Map<Cell, Double> shown, List<Cell> hidden,
                                              int sum) {
        Map<Cell, int[]> ranges = new HashMap<>();
        fill(0, new int[hidden.size()], sum + 1, constraints, shown, hidden, ranges);
        Map<Cell, int[]> further = new HashMap<>();
        fill(0, new int[hidden.size()], sum + 2, constraints, shown, hidden, further);
        ranges.forEach((c, range) -> range[1] = further.get(c)[1] > range[1] ? Integer.MAX_VALUE : range[1]);
        return ranges;
    }

    private static void fill(int i, int[] filling, int limit, List<Constraint> constraints, Map<Cell, Double> shown,
                             List<Cell> hidden, Map<Cell, int[]> ranges) {
        if (i == filling.length) {
            Map<Cell, Double> all = new HashMap<>(shown);
            for (int k = 0; k < filling.length; k++) {
                all.put(hidden.get(k), (double) filling[k]);
            }
            for (Constraint c : constraints) {
                double lhs = c.terms().entrySet().stream().mapToDouble(t -> t.getValue() * all.get(t.getKey())).sum();
                if (Math.abs(lhs - c.constant()) > 1e-9) {
                    return;
                }
            }
            for (int k = 0; k < filling.length; k++) {
                int[] range = ranges.computeIfAbsent(hidden.get(k), h -> new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE});
                range[0] = Math.min(range[0], filling[k]);
                range[1] = Math.max(range[1], filling[k]);
            }
            return;
        }
        for (int v = 1; v <= limit; v++) {
            filling[i] = v;
            fill(i + 1, filling, limit, constraints, shown, hidden, ranges);
        }
    }

    private static Cell cell(String geo) {
        return new Cell("protected_persons", Granularity.MONTH, "2024-01", geo);
    }
}
