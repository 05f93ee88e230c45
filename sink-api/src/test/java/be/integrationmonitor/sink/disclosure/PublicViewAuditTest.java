package be.integrationmonitor.sink.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.disclosure.audit.Audit;
import be.integrationmonitor.disclosure.audit.Cell;
import be.integrationmonitor.disclosure.audit.GeoHierarchy;
import be.integrationmonitor.disclosure.audit.Release;
import be.integrationmonitor.disclosure.suppression.JointSuppression;
import be.integrationmonitor.geo.GeoLevel;
import be.integrationmonitor.geo.GeoUnit;
import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.indicators.Catalogue;
import be.integrationmonitor.indicators.IndicatorDefinition;
import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.sink.state.CellValue;
import be.integrationmonitor.sink.state.Cells;
import be.integrationmonitor.sink.state.GeoTree;
import be.integrationmonitor.sink.state.IndicatorState;
import be.integrationmonitor.streams.reference.Expected;
import be.integrationmonitor.streams.reference.RandomEvents;
import be.integrationmonitor.streams.reference.ReferenceIndicators;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The audit against the public view of the engine's values for random persons: what one table at a
 * time protects, several tables read together give away.
 */
class PublicViewAuditTest {

    private static final LocalDate TODAY = LocalDate.of(2022, 9, 30);
    private static final GeoTree TREE = GeoTree.belgium();

    @Test
    void tablesProtectedOneByOneGiveAwayCellsWhenReadTogether() {
        Map<String, Expected> cells = ReferenceIndicators.compute(
                RandomEvents.generate(new Random(7), 200, 6, TODAY), Set.of(), TODAY);
        PublicView view = publicView(cells);

        int perTable = 0;
        int acrossIndicators = 0;
        for (Granularity granularity : Granularity.values()) {
            perTable += exact(audit(cells, view, EnumSet.of(granularity), false));
            acrossIndicators += exact(audit(cells, view, EnumSet.of(granularity), true));
        }
        int acrossGranularities = exact(audit(cells, view, EnumSet.allOf(Granularity.class), true));

        System.out.printf("cells recomputed exactly from the public view: one table at a time %d, "
                + "with the indicators' relations %d, with weeks and months too %d%n",
                perTable, acrossIndicators, acrossGranularities);
        assertThat(perTable).as("what the per-table suppression was built for").isZero();
        assertThat(acrossIndicators).as("relations between indicators").isPositive();
        assertThat(acrossGranularities).as("weeks and months together").isGreaterThanOrEqualTo(acrossIndicators);
    }

    @Test
    void jointSuppressionLeavesNoWithheldCellBelowItsProtectionLevel() {
        Map<String, Expected> cells = ReferenceIndicators.compute(
                RandomEvents.generate(new Random(7), 200, 6, TODAY), Set.of(), TODAY);
        PublicView view = publicView(cells);
        Release perTable = release(cells, EnumSet.allOf(Granularity.class), true, (indicator, granularity, period) -> {
            boolean[] hidden = view.hidden(indicator, granularity, period);
            return geo -> hidden[TREE.index(geo)];
        });
        Release primary = primaryRelease(cells);

        long started = System.nanoTime();
        Set<Cell> withheld = JointSuppression.protect(primary, Set.of());
        long millis = (System.nanoTime() - started) / 1_000_000;
        Audit.Report report = Audit.of(new Release(primary.values(), withheld, primary.geo(), primary.indicators()));

        System.out.printf("cells %d; withheld: primary %d, per table %d, joint %d (%d ms); audited %d%n",
                primary.values().size(), primary.withheld().size(), perTable.withheld().size(), withheld.size(),
                millis, report.audited());
        assertThat(report.findings()).as("cells the attacker narrows below their protection level").isEmpty();
        assertThat(withheld).containsAll(primary.withheld());
    }

    /** Many small random data sets: persons, months and weeks enough for every relation to bite. */
    @Test
    void jointSuppressionPassesTheAuditOnRandomDataSets() {
        LocalDate today = LocalDate.of(2022, 4, 30);
        int sets = Integer.getInteger("im.disclosure.data-sets", 200);
        long primary = 0;
        long joint = 0;
        long cellsSeen = 0;
        for (int seed = 1; seed <= sets; seed++) {
            Map<String, Expected> cells = ReferenceIndicators.compute(
                    RandomEvents.generate(new Random(seed), 20 + seed % 40, 5, today), Set.of(), today);
            Release release = primaryRelease(cells);
            Set<Cell> withheld = JointSuppression.protect(release, Set.of());
            Audit.Report report = Audit.of(new Release(release.values(), withheld, release.geo(), release.indicators()));
            assertThat(report.findings()).as("data set %d", seed).isEmpty();
            primary += release.withheld().size();
            joint += withheld.size();
            cellsSeen += release.values().size();
        }
        System.out.printf("%d data sets, %d cells: withheld primary %.1f%%, joint %.1f%%%n", sets, cellsSeen,
                100.0 * primary / cellsSeen, 100.0 * joint / cellsSeen);
    }

    /**
     * The cost of one release at Belgium's scale (a benchmark, printed, not asserted: run with
     * {@code -Dim.disclosure.belgium=<persons>}): random persons over all 565 municipalities, and a
     * first release: every month and week closed by 2022-02-28, at every level.
     */
    @Test
    void costOfOneReleaseForBelgium() {
        int persons = Integer.getInteger("im.disclosure.belgium", 0);
        Assumptions.assumeTrue(persons > 0, "a benchmark: -Dim.disclosure.belgium=<persons>");
        LocalDate today = LocalDate.of(2022, 2, 28);
        String[] municipalities = GeoUnits.get().ofLevel(GeoLevel.MUNICIPALITY).stream().map(GeoUnit::code)
                .toArray(String[]::new);
        Map<String, Expected> cells = new HashMap<>(ReferenceIndicators.compute(
                RandomEvents.generate(new Random(11), persons, 6, today, municipalities), Set.of(), today));
        // the periods closed by the release day: the 4-week sums need the weeks before
        cells.keySet().removeIf(key -> Granularity.byId(key.split("/")[1]).orElseThrow().parse(key.split("/")[3])
                .isAfter(today));
        Release primary = primaryRelease(cells);
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();
        Set<Cell> withheld = JointSuppression.protect(primary, Set.of());
        long millis = (System.nanoTime() - started) / 1_000_000;
        long peakMiB = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() >> 20;
        System.out.printf("Belgium, %d persons, %d municipalities, periods %s: %d cells; withheld primary %.1f%%, "
                        + "joint %.1f%%; joint suppression %d ms, heap peak %d MiB (max %d MiB), %d cores%n",
                persons, municipalities.length, new TreeSet<>(primary.values().keySet().stream()
                        .map(c -> c.period()).toList()), primary.values().size(),
                100.0 * primary.withheld().size() / primary.values().size(),
                100.0 * withheld.size() / primary.values().size(), millis, peakMiB,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
    }

    /** Every cell of weeks and months with the primary rule's cells withheld. */
    private static Release primaryRelease(Map<String, Expected> cells) {
        return release(cells, EnumSet.allOf(Granularity.class), true, (indicator, granularity, period) -> geo -> {
            Expected cell = cells.get(indicator.id() + "/" + granularity.id() + "/" + geo + "/" + period);
            return cell != null && PrimaryRule.withheld(indicator.disclosure(), sinkCell(cell));
        });
    }

    private static int exact(Audit.Report report) {
        return (int) report.findings().stream().filter(f -> f.interval().width() < 1e-6).count();
    }

    private static Audit.Report audit(Map<String, Expected> cells, PublicView view, Set<Granularity> granularities,
                                      boolean relations) {
        return Audit.of(release(cells, granularities, relations, (indicator, granularity, period) -> {
            boolean[] hidden = view.hidden(indicator, granularity, period);
            return geo -> hidden[TREE.index(geo)];
        }));
    }

    /** Which units of one indicator's table in one period are withheld. */
    private interface Withheld {
        Predicate<String> in(IndicatorDefinition indicator, Granularity granularity, String period);
    }

    /** Every cell of the units that hold data, in the periods of the given granularities. */
    private static Release release(Map<String, Expected> cells, Set<Granularity> granularities, boolean relations,
                                   Withheld withheldIn) {
        Set<String> geos = new HashSet<>();
        Set<String> periodKeys = new TreeSet<>();
        cells.keySet().forEach(key -> {
            String[] parts = key.split("/");
            geos.add(parts[2]);
            periodKeys.add(parts[1] + "/" + parts[3]);
        });
        Map<Cell, Double> values = new HashMap<>();
        Set<Cell> withheld = new HashSet<>();
        for (IndicatorDefinition indicator : Catalogue.DEFINITIONS) {
            for (String periodKey : periodKeys) {
                Granularity granularity = Granularity.byId(periodKey.split("/")[0]).orElseThrow();
                String period = periodKey.split("/")[1];
                if (!granularities.contains(granularity) || !indicator.granularities().contains(granularity)) {
                    continue;
                }
                Predicate<String> hidden = withheldIn.in(indicator, granularity, period);
                for (String geo : geos) {
                    Expected cell = cells.get(indicator.id() + "/" + granularity.id() + "/" + geo + "/" + period);
                    Double value = cell != null ? cell.value() : absentValue(indicator);
                    if (value != null) {
                        Cell c = new Cell(indicator.id(), granularity, period, geo);
                        values.put(c, value);
                        if (hidden.test(geo)) {
                            withheld.add(c);
                        }
                    }
                }
            }
        }
        List<IndicatorDefinition> indicators = Catalogue.DEFINITIONS.stream().map(d -> relations ? d
                : new IndicatorDefinition(d.id(), d.kind(), d.unit(), d.names(), d.definition(), d.disclosure(),
                        d.decimals(), d.granularities(), List.of())).toList();
        return new Release(values, withheld, hierarchy(geos), indicators);
    }

    private static be.integrationmonitor.sink.state.Cell sinkCell(Expected cell) {
        return new be.integrationmonitor.sink.state.Cell(cell.value() == null ? Double.NaN : cell.value(), cell.count(),
                cell.numerator() == null ? -1 : cell.numerator());
    }

    /** An absent cell: 0 for counts and amounts, no value for ratios and medians (docs/api.md). */
    private static Double absentValue(IndicatorDefinition indicator) {
        return switch (indicator.disclosure()) {
            case COUNT, AMOUNT -> 0.0;
            case RATIO, MEDIAN -> null;
        };
    }

    /** The geo tree over the units that hold data (the others are 0 and published). */
    private static GeoHierarchy hierarchy(Set<String> geos) {
        Map<String, List<String>> children = new HashMap<>();
        for (String geo : geos) {
            int parent = TREE.parent(TREE.index(geo));
            if (parent >= 0) {
                children.computeIfAbsent(TREE.unit(parent).code(), p -> new ArrayList<>()).add(geo);
            }
        }
        return new GeoHierarchy(children);
    }

    private static PublicView publicView(Map<String, Expected> expected) {
        Cells cells = new Cells();
        expected.forEach((key, cell) -> {
            String[] parts = key.split("/");
            cells.apply(new CellValue(parts[0], parts[1], parts[2], parts[3], sinkCell(cell)));
        });
        IndicatorState state = new IndicatorState(new SimpleMeterRegistry());
        state.serve(cells, "test");
        return new PublicView(state);
    }
}
