package be.integrationmonitor.disclosure.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.disclosure.audit.Audit;
import be.integrationmonitor.disclosure.audit.Cell;
import be.integrationmonitor.disclosure.audit.GeoHierarchy;
import be.integrationmonitor.disclosure.audit.Release;
import be.integrationmonitor.disclosure.suppression.JointSuppression.Suppression;
import be.integrationmonitor.indicators.IndicatorDefinition;
import be.integrationmonitor.indicators.Kind;
import be.integrationmonitor.periods.Granularity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Releases one after another, small enough to check by hand. */
class JointSuppressionTest {

    private static final GeoHierarchy GEO = new GeoHierarchy(Map.of("P", List.of("A", "B", "C")));
    private static final IndicatorDefinition NEW = IndicatorDefinition.count("new", Kind.FLOW, "persons",
            IndicatorDefinition.names("new", "new", "new"), "new");

    /**
     * 2024-01-01 is a Monday and 2024-03-31 a Sunday: weeks 1 to 13 cover January to March. The
     * first release has the weeks, January and February: week 5's 3 is withheld with the 7 beside
     * it. The next adds March, which ties the weeks to the months: with March shown, week 5's 3 is
     * the months' sum minus the other weeks. No cell of March is withheld by the primary rule, so
     * only solving week 5's certificate again (the new relation reaches it) withholds in March.
     */
    @Test
    void aNewPeriodThatReachesAnEarlierCertificateGetsItSolvedAgain() {
        Map<Cell, Double> values = new HashMap<>();
        for (int w = 1; w <= 13; w++) {
            column(values, Granularity.WEEK, String.format("2024-W%02d", w), w == 5 ? 3 : 6, 7, 8);
        }
        column(values, Granularity.MONTH, "2024-01", 25, 30, 35);
        column(values, Granularity.MONTH, "2024-02", 25, 30, 35);
        Release first = new Release(values, Set.of(cell(Granularity.WEEK, "2024-W05", "A")), GEO, List.of(NEW));
        Suppression firstSuppression = JointSuppression.protect(first);
        assertThat(firstSuppression.withheld()).containsExactlyInAnyOrder(
                cell(Granularity.WEEK, "2024-W05", "A"), cell(Granularity.WEEK, "2024-W05", "B"));

        Map<Cell, Double> next = new HashMap<>(values);
        column(next, Granularity.MONTH, "2024-03", 25, 31, 34);
        Set<Cell> changed = new HashSet<>(next.keySet());
        changed.removeAll(values.keySet());
        Set<Cell> published = new HashSet<>(values.keySet());
        published.removeAll(firstSuppression.withheld());
        Release second = new Release(next, Set.of(), GEO, List.of(NEW));

        Suppression secondSuppression = JointSuppression.protect(second, firstSuppression, published, changed);

        assertThat(secondSuppression.withheld()).containsAll(firstSuppression.withheld())
                .anyMatch(c -> c.period().equals("2024-03"));
        Audit.Report report = Audit.of(new Release(next, secondSuppression.withheld(), GEO, List.of(NEW)));
        assertThat(report.findings()).isEmpty();
    }

    /** A release that changes nothing near an earlier certificate keeps it without solving it again. */
    @Test
    void aCertificateNoChangeReachesIsKept() {
        Map<Cell, Double> values = new HashMap<>();
        column(values, Granularity.MONTH, "2024-03", 3, 9, 8);
        Release release = new Release(values, Set.of(cell(Granularity.MONTH, "2024-03", "A")), GEO, List.of(NEW));
        Suppression first = JointSuppression.protect(release);
        Set<Cell> published = new HashSet<>(values.keySet());
        published.removeAll(first.withheld());

        Suppression again = JointSuppression.protect(release, first, published, Set.of());

        assertThat(first.certificates()).isPositive();
        assertThat(again.certificates()).isZero();
        assertThat(again.withheld()).isEqualTo(first.withheld());
    }

    private static void column(Map<Cell, Double> values, Granularity granularity, String period, int a, int b, int c) {
        values.put(cell(granularity, period, "A"), (double) a);
        values.put(cell(granularity, period, "B"), (double) b);
        values.put(cell(granularity, period, "C"), (double) c);
        values.put(cell(granularity, period, "P"), (double) (a + b + c));
    }

    private static Cell cell(Granularity granularity, String period, String geo) {
        return new Cell("new", granularity, period, geo);
    }
}
