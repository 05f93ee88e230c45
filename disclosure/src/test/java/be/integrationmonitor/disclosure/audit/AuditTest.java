package be.integrationmonitor.disclosure.audit;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.indicators.IndicatorDefinition;
import be.integrationmonitor.indicators.Kind;
import be.integrationmonitor.indicators.Relation;
import be.integrationmonitor.periods.Granularity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each attack of the audit on a release small enough to check by hand. */
class AuditTest {

    private static final GeoHierarchy TWO = new GeoHierarchy(Map.of("P", List.of("A", "B", "C")));
    private static final IndicatorDefinition PROTECTED = count("protected", Kind.STOCK);
    private static final IndicatorDefinition NEW = count("new", Kind.FLOW);

    private final Map<Cell, Double> values = new HashMap<>();
    private final Set<Cell> withheld = new HashSet<>();

    @Test
    void aCellBesideItsShownTotalAndSiblingsIsRecomputed() {
        column("protected", Granularity.MONTH, "2024-01", Map.of("P", 20, "A", 3, "B", 9, "C", 8), "A");

        Audit.Report report = audit(PROTECTED);

        assertThat(report.findings()).singleElement().satisfies(f -> {
            assertThat(f.cell().geo()).isEqualTo("A");
            assertThat(f.interval()).isEqualTo(new Interval(3, 3));
        });
    }

    @Test
    void twoSmallCellsHideEachOtherOnlyIfTheirSumLeavesRoomUpTo5() {
        column("protected", Granularity.MONTH, "2024-01", Map.of("P", 20, "A", 2, "B", 3, "C", 15), "A", "B");
        assertThat(audit(PROTECTED).findings()).extracting(f -> f.cell().geo()).containsExactly("A", "B");

        column("protected", Granularity.MONTH, "2024-01", Map.of("P", 20, "A", 2, "B", 8, "C", 10), "A", "B");
        Audit.Report report = audit(PROTECTED);
        assertThat(report.passed()).as(report.findings().toString()).isTrue();
        assertThat(report.intervals().get(cell("protected", Granularity.MONTH, "2024-01", "A")))
                .isEqualTo(new Interval(1, 9));
    }

    @Test
    void aPartOfAUnionFallsWhenTheUnionAndTheOtherPartAreShown() {
        IndicatorDefinition integration = count("integration", Kind.STOCK);
        IndicatorDefinition equivalent = count("equivalent", Kind.STOCK);
        IndicatorDefinition any = count("any", Kind.STOCK, new Relation.UnionOf(List.of("integration", "equivalent")));
        column("integration", Granularity.MONTH, "2024-01", Map.of("P", 20, "A", 3, "B", 9, "C", 8), "A", "B");
        column("equivalent", Granularity.MONTH, "2024-01", Map.of("P", 30, "A", 9, "B", 11, "C", 10));
        column("any", Granularity.MONTH, "2024-01", Map.of("P", 50, "A", 12, "B", 20, "C", 18));

        Audit.Report report = audit(integration, equivalent, any);

        assertThat(report.findings()).extracting(f -> f.cell().geo() + "=" + f.interval())
                .containsExactlyInAnyOrder("A=[3.0, 3.0]", "B=[9.0, 9.0]");
    }

    @Test
    void aWithheldWeekFallsToTheMonthsThatCoverTheSameDays() {
        // 2024-01-01 is a Monday and 2024-03-31 a Sunday: January to March are weeks 1 to 13
        int[] weekly = {5, 6, 7, 8, 5, 6, 7, 8, 5, 6, 7, 8, 2};
        int total = 0;
        for (int w = 1; w <= 13; w++) {
            String week = String.format("2024-W%02d", w);
            int value = weekly[w - 1];
            total += value;
            column("new", Granularity.WEEK, week, Map.of("P", value, "A", value, "B", 0, "C", 0),
                    value < 5 ? new String[] {"P", "A"} : new String[0]);
        }
        // the months' split does not matter to the attack: only their sum does
        column("new", Granularity.MONTH, "2024-01", Map.of("P", 26, "A", 26, "B", 0, "C", 0));
        column("new", Granularity.MONTH, "2024-02", Map.of("P", 26, "A", 26, "B", 0, "C", 0));
        column("new", Granularity.MONTH, "2024-03", Map.of("P", total - 52, "A", total - 52, "B", 0, "C", 0));

        Audit.Report report = audit(NEW);

        assertThat(report.findings()).extracting(f -> f.cell().period() + "/" + f.cell().geo() + "=" + f.interval())
                .containsExactlyInAnyOrder("2024-W13/A=[2.0, 2.0]", "2024-W13/P=[2.0, 2.0]");
    }

    @Test
    void aStockWithheldInAMonthIsTheWeekEndingTheSameSunday() {
        // 2024-03-31 is a Sunday: the stock at the end of March is that of week 13
        column("protected", Granularity.MONTH, "2024-03", Map.of("P", 20, "A", 2, "B", 8, "C", 10), "A", "B");
        column("protected", Granularity.WEEK, "2024-W13", Map.of("P", 20, "A", 2, "B", 8, "C", 10), "A", "C");

        assertThat(audit(PROTECTED).findings()).extracting(f -> f.cell().granularity() + "/" + f.cell().geo())
                .containsExactlyInAnyOrder("MONTH/A", "MONTH/B", "WEEK/A", "WEEK/C");
    }

    @Test
    void aWithheldWeekFallsToTheRollingSumsAroundIt() {
        IndicatorDefinition grants = count("grants", Kind.FLOW);
        IndicatorDefinition rolling = count("grants_4w", Kind.ROLLING, new Relation.RollingSumOf("grants", 4));
        int[] weekly = {6, 7, 3, 9};
        int sum = 0;
        for (int w = 1; w <= 4; w++) {
            String week = String.format("2024-W%02d", w);
            sum += weekly[w - 1];
            column("grants", Granularity.WEEK, week, Map.of("P", weekly[w - 1], "A", weekly[w - 1], "B", 0, "C", 0),
                    weekly[w - 1] < 5 ? new String[] {"P", "A"} : new String[0]);
            column("grants_4w", Granularity.WEEK, week, Map.of("P", sum, "A", sum, "B", 0, "C", 0));
        }

        assertThat(audit(grants, rolling).findings()).extracting(f -> f.cell().geo() + "=" + f.interval())
                .containsExactlyInAnyOrder("A=[3.0, 3.0]", "P=[3.0, 3.0]");
    }

    private void column(String indicator, Granularity granularity, String period, Map<String, Integer> byGeo,
                        String... hidden) {
        byGeo.forEach((geo, value) -> values.put(cell(indicator, granularity, period, geo), value.doubleValue()));
        byGeo.keySet().forEach(geo -> withheld.remove(cell(indicator, granularity, period, geo)));
        for (String geo : hidden) {
            withheld.add(cell(indicator, granularity, period, geo));
        }
    }

    private static IndicatorDefinition count(String id, Kind kind, Relation... relations) {
        return IndicatorDefinition.count(id, kind, "persons", IndicatorDefinition.names(id, id, id), id, relations);
    }

    private Audit.Report audit(IndicatorDefinition... indicators) {
        return Audit.of(new Release(values, withheld, TWO, List.of(indicators)));
    }

    private static Cell cell(String indicator, Granularity granularity, String period, String geo) {
        return new Cell(indicator, granularity, period, geo);
    }
}
