package be.integrationmonitor.streams.topology;

import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.indicators.IndicatorValue;
import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.streams.indicator.CellResult;
import be.integrationmonitor.streams.indicator.Indicator;
import be.integrationmonitor.streams.indicator.Indicators;
import be.integrationmonitor.streams.period.PeriodAxis;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Sums the steps of each series of its columns ({@code indicator/granularity}) and, at each
 * emission ({@link EmissionPacing}), forwards the values of the periods that changed, from the
 * earliest changed period to the current one. Many events touching one series between two
 * emissions cost one emission. When a new week or month begins, every series gets its value for
 * it (stocks carry over; flows are 0).
 *
 * <p>The steps store holds the municipalities' series only. The series of provinces, regions and
 * Belgium are sums of them, kept in memory ({@link #rolledUp}) and rebuilt from the store whenever a
 * task starts: a step costs one store update instead of four.
 *
 * <p>Which series wait for an emission, and from which period, is kept in a store of its own, so
 * that a restart loses nothing; it is read at init only, into a map that also knows which of
 * those periods changed ({@link PendingChanges}), so that a series emits only those.
 */
final class SeriesProcessor implements Processor<String, String, String, IndicatorValue> {

    private static final Logger LOG = Logger.getLogger(SeriesProcessor.class);
    static final String STEPS_STORE = "series-steps";
    static final String PENDING_STORE = "series-pending";
    private static final NavigableMap<Integer, Long> EMPTY = new TreeMap<>();
    private static final NavigableMap<Integer, long[]> NO_STEPS = new TreeMap<>();
    /**
     * A series with at most this many components is read by a range scan per component from the
     * earliest changed period; one with more (a median's histogram) by one scan of its history.
     */
    private static final int RANGE_SCANS = 8;
    /** The totals of a series with more components: not kept, the scan of its history sums them. */
    private static final Map<String, Long> MANY = Collections.unmodifiableMap(new HashMap<>());
    /** In the pending store: the last period emitted for every series, per granularity. */
    private static final String THROUGH = "#through/";

    private final Clock clock;
    private final Duration emitInterval;
    private final EmissionPacing pacing;
    private ProcessorContext<String, IndicatorValue> context;
    private KeyValueStore<String, Long> steps;
    private KeyValueStore<String, Integer> pending;
    /** The pending series: what the pending store holds, and their changes where all are known. */
    private Map<String, PendingChanges> due;
    /**
     * Each series' components, each with the sum of all its steps (its value in the last period),
     * so that an emission from period p reads the steps from p on, not the whole history. Every
     * series with steps is a key ({@link #MANY} for one with many components).
     */
    private Map<String, Map<String, Long>> totals;
    /**
     * The steps of every series above the municipalities, per series and component: the sums of
     * their municipalities' steps, derived from the steps store, which holds none of them. Each
     * step is a one-element array updated in place, kept when it sums to 0: no allocation per step.
     */
    private Map<String, Map<String, NavigableMap<Integer, long[]>>> rolledUp;
    private long emittedIn;

    SeriesProcessor(Clock clock, Duration emitInterval, EmissionPacing pacing) {
        this.clock = clock;
        this.emitInterval = emitInterval;
        this.pacing = pacing;
    }

    @Override
    public void init(ProcessorContext<String, IndicatorValue> context) {
        this.context = context;
        this.steps = context.getStateStore(STEPS_STORE);
        this.pending = context.getStateStore(PENDING_STORE);
        // init follows every (re)start of the task, also after an aborted transaction: the stores
        // then hold the last commit's state, which the maps in memory are rebuilt from
        this.due = new HashMap<>();
        try (KeyValueIterator<String, Integer> all = pending.all()) {
            all.forEachRemaining(entry -> {
                if (!entry.key.startsWith(THROUGH)) {
                    due.put(entry.key, PendingChanges.dueFrom(entry.value));
                }
            });
        }
        this.totals = new HashMap<>();
        this.rolledUp = new HashMap<>();
        try (KeyValueIterator<String, Long> all = steps.all()) {
            all.forEachRemaining(entry -> {
                StepKey step = StepKey.parse(entry.key);
                int geo = step.series().lastIndexOf('/');
                String municipality = step.series().substring(geo + 1);
                // a province's, region's or Belgium's step kept by an older version: derived now
                if (GeoUnits.get().isMunicipality(municipality)) {
                    List<String> geos = GeoUnits.get().rollUp(municipality);
                    for (int level = 0; level < geos.size(); level++) {
                        StepKey rolled = new StepKey(step.series().substring(0, geo + 1) + geos.get(level),
                                step.component(), step.period());
                        if (level > 0) {
                            addRolledUp(rolled, entry.value);
                        }
                        addToTotal(rolled, entry.value);
                    }
                }
            });
        }
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::maybeEmit);
    }

    /**
     * Adds the steps of one event in a column to each municipality's series and to its province,
     * region and country: a small read and write each, whatever the size of the series.
     */
    @Override
    public void process(Record<String, String> record) {
        pacing.active(context.currentSystemTimeMs(), record.timestamp());
        // summed per step key first: a move between two municipalities of a province cancels out
        // above them, and each series and key costs one update per record
        List<Map<StepKey, Long>> summed = new ArrayList<>();
        for (StepDelta delta : StepDelta.parseAll(record.value())) {
            List<String> geos = GeoUnits.get().rollUp(delta.municipality());
            for (int level = 0; level < geos.size(); level++) {
                if (summed.size() == level) {
                    summed.add(new HashMap<>());
                }
                summed.get(level).merge(new StepKey(record.key() + "/" + geos.get(level), delta.component(),
                        delta.period()), delta.delta(), Long::sum);
            }
        }
        Map<String, List<PendingChanges.Change>> touched = new HashMap<>();
        for (int level = 0; level < summed.size(); level++) {
            int geoLevel = level;
            summed.get(level).forEach((step, delta) -> {
                if (delta != 0) {
                    add(geoLevel, step, delta);
                    touched.computeIfAbsent(step.series(), series -> new ArrayList<>())
                            .add(new PendingChanges.Change(step.component(), step.period(), delta));
                }
            });
        }
        touched.forEach(this::changed);
    }

    /**
     * Adds a step to a series: of a municipality (level 0 of its roll-up) in the store, of a
     * province, region or Belgium in memory; and to the series' total.
     */
    private void add(int level, StepKey step, long delta) {
        if (level == 0) {
            String key = step.format();
            Long before = steps.get(key);
            long after = (before == null ? 0 : before) + delta;
            if (after == 0) {
                steps.delete(key);
            } else {
                steps.put(key, after);
            }
        } else {
            addRolledUp(step, delta);
        }
        addToTotal(step, delta);
    }

    private void addRolledUp(StepKey step, long delta) {
        rolledUp.computeIfAbsent(step.series(), series -> new HashMap<>())
                .computeIfAbsent(step.component(), component -> new TreeMap<>())
                .computeIfAbsent(step.period(), period -> new long[1])[0] += delta;
    }

    /** A component whose steps sum to 0 stays: its steps do not go away with its total. */
    private void addToTotal(StepKey step, long delta) {
        Map<String, Long> total = totals.computeIfAbsent(step.series(), series -> new HashMap<>());
        if (total != MANY) {
            total.merge(step.component(), delta, Long::sum);
            if (total.size() > RANGE_SCANS) {
                totals.put(step.series(), MANY);
            }
        }
    }

    private void changed(String series, List<PendingChanges.Change> stepChanges) {
        PendingChanges changes = due.computeIfAbsent(series, s -> PendingChanges.none());
        int earlier = changes.from();
        changes.add(stepChanges);
        if (changes.from() < earlier) {
            pending.put(series, changes.from());
        }
    }

    /**
     * Emits every interval while the instance keeps up with its input, else once per round of the
     * instance's {@link EmissionPacing}, and at once when the instance has been quiet for two
     * intervals (so an engine is complete two or three intervals after its last event).
     */
    private void maybeEmit(long now) {
        long idle = pacing.idleMillis(now);
        boolean caughtUp = pacing.caughtUp(now);
        long round = pacing.roundFor(emittedIn, now);
        if (round < 0 && !caughtUp && idle < 2 * emitInterval.toMillis()) {
            return;
        }
        emittedIn = Math.max(emittedIn, round);
        long started = System.nanoTime();
        int cells = emit();
        long took = System.nanoTime() - started;
        pacing.spent(took, round >= 0);
        LOG.debugf("task %s emitted %,d cells in %,d ms (%s, idle %,d ms)", context.taskId(), cells,
                took / 1_000_000, round >= 0 ? "round " + round : caughtUp ? "caught up" : "quiet", idle);
    }

    /** Forwards the pending periods of every pending series, up to the current period; the number of cells. */
    private int emit() {
        LocalDate today = LocalDate.now(clock);
        for (Granularity granularity : Granularity.values()) {
            carryIntoCurrentPeriod(granularity, PeriodAxis.of(granularity).index(today));
        }
        int cells = 0;
        for (Map.Entry<String, PendingChanges> series : List.copyOf(due.entrySet())) {
            SeriesKey key = SeriesKey.parse(series.getKey());
            PeriodAxis axis = PeriodAxis.of(key.granularity());
            int current = axis.index(today);
            if (series.getValue().from() > current) {
                continue;
            }
            Indicator indicator = Indicators.byId(key.indicator());
            BitSet changed = series.getValue().changedPeriods(current);
            NavigableMap<Integer, Map<String, Long>> values = values(series.getKey(), series.getValue().from(), current);
            for (Map.Entry<Integer, Map<String, Long>> value : values.entrySet()) {
                if (changed == null || changed.get(value.getKey())) {
                    String label = axis.label(value.getKey());
                    context.forward(new Record<>(key.cell(label), indicatorValue(key, label,
                            indicator.value(value.getValue())), context.currentSystemTimeMs()));
                    cells++;
                }
            }
            due.remove(series.getKey());
            pending.delete(series.getKey());
        }
        return cells;
    }

    /** When a new period has begun since the last emission, every series of the granularity is due from it. */
    private void carryIntoCurrentPeriod(Granularity granularity, int current) {
        Integer through = pending.get(THROUGH + granularity.id());
        if (through != null && through >= current) {
            return;
        }
        int from = through == null ? current : through + 1;
        String infix = "/" + granularity.id() + "/";
        for (String series : totals.keySet()) { // every series with steps
            if (series.contains(infix)) {
                PendingChanges changes = due.computeIfAbsent(series, key -> PendingChanges.dueFrom(from));
                changes.due(from);
                pending.put(series, changes.from());
            }
        }
        pending.put(THROUGH + granularity.id(), current);
    }

    /**
     * Every component's value in each period from {@code from} to {@code to}: the sum of its steps
     * up to that period. Zero values are left out.
     */
    private NavigableMap<Integer, Map<String, Long>> values(String series, int from, int to) {
        Map<String, Long> running = new HashMap<>(); // each component's value before `from`
        Map<String, NavigableMap<Integer, Long>> inRange = new HashMap<>();
        Map<String, Long> total = totals.getOrDefault(series, Map.of());
        if (total != MANY) {
            // only the steps from `from` on: the value before is the total minus them
            total.forEach((component, sum) -> {
                long[] before = {sum};
                visitSteps(series, component, from, (c, period, change) -> {
                    before[0] -= change;
                    if (period <= to) {
                        inRange.computeIfAbsent(c, k -> new TreeMap<>()).put(period, change);
                    }
                });
                running.put(component, before[0]);
            });
        } else {
            visitSteps(series, null, 0, (component, period, change) -> {
                if (period < from) {
                    running.merge(component, change, Long::sum);
                } else if (period <= to) {
                    inRange.computeIfAbsent(component, c -> new TreeMap<>()).put(period, change);
                }
            });
        }
        NavigableMap<Integer, Map<String, Long>> values = new TreeMap<>();
        for (int period = from; period <= to; period++) {
            Map<String, Long> sums = new HashMap<>();
            Set<String> components = new HashSet<>(running.keySet());
            components.addAll(inRange.keySet());
            for (String component : components) {
                long sum = running.getOrDefault(component, 0L)
                        + inRange.getOrDefault(component, EMPTY).getOrDefault(period, 0L);
                running.put(component, sum);
                if (sum != 0) {
                    sums.put(component, sum);
                }
            }
            values.put(period, sums);
        }
        return values;
    }

    /** One step of a series: the change of a component's value in a period. */
    private interface StepVisitor {
        void visit(String component, int period, long change);
    }

    /**
     * Visits the steps of a series' component from a period on (every step of the series if the
     * component is null), in period order per component: a municipality's from the store, any
     * other's from memory.
     */
    private void visitSteps(String series, String component, int from, StepVisitor visitor) {
        if (!GeoUnits.get().isMunicipality(series.substring(series.lastIndexOf('/') + 1))) {
            Map<String, NavigableMap<Integer, long[]>> components = rolledUp.getOrDefault(series, Map.of());
            (component == null ? components : Map.of(component, components.getOrDefault(component, NO_STEPS)))
                    .forEach((c, periods) -> periods.tailMap(from, true)
                            .forEach((period, change) -> visitor.visit(c, period, change[0])));
            return;
        }
        try (KeyValueIterator<String, Long> range = component == null
                ? steps.prefixScan(StepKey.prefix(series), Serdes.String().serializer())
                : steps.range(new StepKey(series, component, from).format(),
                        new StepKey(series, component, StepKey.LAST_PERIOD).format())) {
            range.forEachRemaining(entry -> {
                StepKey step = StepKey.parse(entry.key);
                visitor.visit(step.component(), step.period(), entry.value);
            });
        }
    }

    private static IndicatorValue indicatorValue(SeriesKey key, String period, CellResult result) {
        return IndicatorValue.newBuilder()
                .setIndicator(key.indicator())
                .setGranularity(key.granularity().id())
                .setGeo(key.geo())
                .setLevel(GeoUnits.get().unit(key.geo()).orElseThrow().level().id())
                .setPeriod(period)
                .setValue(result.value())
                .setCount(result.count())
                .setNumerator(result.numerator())
                .build();
    }
}
