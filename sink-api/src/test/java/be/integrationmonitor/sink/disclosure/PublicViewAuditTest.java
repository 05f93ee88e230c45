package be.integrationmonitor.sink.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.disclosure.audit.Audit;
import be.integrationmonitor.disclosure.audit.Cell;
import be.integrationmonitor.disclosure.audit.GeoHierarchy;
import be.integrationmonitor.disclosure.audit.Release;
import be.integrationmonitor.disclosure.suppression.JointSuppression;
import be.integrationmonitor.disclosure.suppression.PrimaryRule;
import be.integrationmonitor.disclosure.suppression.JointSuppression.Suppression;
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
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The audit against the public view of the engine's values for random persons: what one table at a
 * time protects, several tables read together give away.
 */
class PublicViewAuditTest {

    private static final LocalDate TODAY = LocalDate.of(2022, 9, 30);
    private static final GeoTree TREE = GeoTree.belgium();
    /**
     * The first day where a week and a month both start after the data's first (2022-08-01): the
     * release that closes the week and the month before it closes the first span of days that
     * weeks and months both cover, which ties every earlier week to every earlier month.
     */
    private static final LocalDate LOOP_DAY = LocalDate.of(2022, 7, 31);

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
        Set<Cell> withheld = JointSuppression.protect(primary).withheld();
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
            Set<Cell> withheld = JointSuppression.protect(release).withheld();
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
     * Two releases a month apart: the first misses a tenth of the events of its last two weeks (late
     * reports), the second has all of them and a month more. What the first withheld stays
     * withheld, what it showed is withheld only by the primary rule, certificates that no change
     * reaches are not solved again, and the second release passes the audit.
     */
    @Test
    void theNextReleaseKeepsThePatternAndPassesTheAudit() {
        int incremental = 0;
        int fromScratch = 0;
        for (int seed = 1; seed <= 4; seed++) {
            Random random = new Random(seed);
            List<SpecificRecord> events = RandomEvents.generate(random, 60, 5, LOOP_DAY);
            Releases releases = Releases.of(events, random, LOOP_DAY.minusWeeks(1), LOOP_DAY);

            assertThat(releases.second().withheld()).as("data set %d", seed).containsAll(releases.first().withheld()
                    .stream().filter(releases.secondPrimary().values()::containsKey).toList());
            assertThat(releases.second().withheld().stream().filter(releases.published()::contains))
                    .as("shown before, withheld now only by the primary rule")
                    .allMatch(releases.secondPrimary().withheld()::contains);
            incremental += releases.second().certificates();
            fromScratch += releases.secondFromScratch().certificates();
            Audit.Report report = Audit.of(new Release(releases.secondPrimary().values(), releases.second().withheld(),
                    releases.secondPrimary().geo(), releases.secondPrimary().indicators()));
            assertThat(report.findings()).as("data set %d", seed).isEmpty();
        }
        System.out.printf("second releases: %d certificate programs, %d when every certificate is solved again%n",
                incremental, fromScratch);
        assertThat(incremental).as("certificates no change reaches are kept").isLessThan(fromScratch);
    }

    /**
     * A release and the next: the first computed from the events known at its day (a tenth of its
     * last two weeks' events come late), the second from all events up to its own day, each over the
     * periods closed by its day.
     */
    private record Releases(Release secondPrimary, Suppression first, Set<Cell> published, Suppression second,
                            Suppression secondFromScratch, long firstMillis, long secondMillis) {

        static Releases of(List<SpecificRecord> events, Random random, LocalDate firstDay, LocalDate secondDay) {
            List<SpecificRecord> known = events.stream()
                    .filter(e -> !effectiveDate(e).isAfter(firstDay)
                            && (effectiveDate(e).isBefore(firstDay.minusWeeks(2)) || random.nextInt(10) > 0)).toList();
            Map<String, Expected> firstCells = closedBy(ReferenceIndicators.compute(known, Set.of(), firstDay), firstDay);
            Map<String, Expected> secondCells = closedBy(ReferenceIndicators.compute(
                    events.stream().filter(e -> !effectiveDate(e).isAfter(secondDay)).toList(), Set.of(), secondDay),
                    secondDay);
            Release firstPrimary = primaryRelease(firstCells);
            Release secondPrimary = primaryRelease(secondCells);

            long started = System.nanoTime();
            Suppression first = JointSuppression.protect(firstPrimary);
            long firstMillis = (System.nanoTime() - started) / 1_000_000;
            Set<Cell> published = new HashSet<>(firstPrimary.values().keySet());
            published.removeAll(first.withheld());
            Set<Cell> changed = new HashSet<>();
            secondPrimary.values().forEach((cell, value) -> {
                if (!value.equals(firstPrimary.values().get(cell))) {
                    changed.add(cell);
                }
            });
            started = System.nanoTime();
            Suppression second = JointSuppression.protect(secondPrimary, first, published, changed);
            long secondMillis = (System.nanoTime() - started) / 1_000_000;
            Suppression fromScratch = JointSuppression.protect(secondPrimary, first, published,
                    secondPrimary.values().keySet());
            return new Releases(secondPrimary, first, published, second, fromScratch, firstMillis, secondMillis);
        }

        /** The cells of the periods closed by the day (a 4-week sum needs the weeks before them). */
        private static Map<String, Expected> closedBy(Map<String, Expected> cells, LocalDate day) {
            Map<String, Expected> closed = new HashMap<>(cells);
            closed.keySet().removeIf(key -> Granularity.byId(key.split("/")[1]).orElseThrow()
                    .parse(key.split("/")[3]).isAfter(day));
            return closed;
        }

        private static LocalDate effectiveDate(SpecificRecord event) {
            return (LocalDate) ((GenericRecord) event).get("effectiveDate");
        }
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
        LocalDate firstDay = LocalDate.of(2022, 2, 28);
        LocalDate nextDay = firstDay.plusWeeks(1);
        String[] municipalities = GeoUnits.get().ofLevel(GeoLevel.MUNICIPALITY).stream().map(GeoUnit::code)
                .toArray(String[]::new);
        Random random = new Random(11);
        List<SpecificRecord> events = RandomEvents.generate(random, persons, 6, nextDay, municipalities);
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        Releases releases = Releases.of(events, random, firstDay, nextDay);
        long peakMiB = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() >> 20;
        Release primary = releases.secondPrimary();
        System.out.printf("Belgium, %d persons, %d municipalities, periods %s: %d cells; withheld primary %.1f%%, "
                        + "joint %.1f%%; first release %d ms, the next week's %d ms (%d certificate programs, "
                        + "%d from scratch); heap peak %d MiB (max %d MiB), %d cores%n",
                persons, municipalities.length, new TreeSet<>(primary.values().keySet().stream()
                        .map(c -> c.period()).toList()), primary.values().size(),
                100.0 * primary.withheld().size() / primary.values().size(),
                100.0 * releases.second().withheld().size() / primary.values().size(), releases.firstMillis(),
                releases.secondMillis(), releases.second().certificates(), releases.secondFromScratch().certificates(),
                peakMiB, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
    }

    /** Every cell of weeks and months with the primary rule's cells withheld. */
    private static Release primaryRelease(Map<String, Expected> cells) {
        return release(cells, EnumSet.allOf(Granularity.class), true, (indicator, granularity, period) -> geo -> {
            Expected cell = cells.get(indicator.id() + "/" + granularity.id() + "/" + geo + "/" + period);
            return cell != null && PrimaryRule.withheld(indicator.disclosure(), cell.count(),
                    cell.numerator() == null ? -1 : cell.numerator());
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
