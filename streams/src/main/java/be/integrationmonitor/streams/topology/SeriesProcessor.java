package be.integrationmonitor.streams.topology;

import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.indicators.Catalogue;
import be.integrationmonitor.indicators.CellResult;
import be.integrationmonitor.indicators.Indicator;
import be.integrationmonitor.indicators.IndicatorValue;
import be.integrationmonitor.indicators.keys.IndicatorKeys;
import be.integrationmonitor.indicators.keys.IndicatorKeys.SeriesKey;
import be.integrationmonitor.indicators.keys.IndicatorKeys.StepDelta;
import be.integrationmonitor.indicators.keys.IndicatorKeys.StepKey;
import be.integrationmonitor.indicators.period.PeriodAxis;
import be.integrationmonitor.periods.Granularity;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Every series' steps are kept in memory ({@link SeriesSteps}), rebuilt from the steps store
 * whenever a task starts. The store holds the municipalities' steps only, for that: the series of
 * provinces, regions and Belgium are sums of them. So a step costs one store write and no read,
 * and an emission reads memory only.
 *
 * <p>Which series wait for an emission, and from which period, is kept in a store of its own, so
 * that a restart loses nothing; it is read at init only, into a map that also knows which of
 * those periods changed ({@link PendingChanges}), so that a series emits only those.
 */
final class SeriesProcessor implements Processor<String, String, String, IndicatorValue> {

    private static final Logger LOG = Logger.getLogger(SeriesProcessor.class);
    static final String STEPS_STORE = "series-steps";
    static final String PENDING_STORE = "series-pending";

    private final Clock clock;
    private final Duration emitInterval;
    private final EmissionPacing pacing;
    private ProcessorContext<String, IndicatorValue> context;
    private KeyValueStore<String, Long> steps;
    private KeyValueStore<String, Integer> pending;
    /** The pending series: what the pending store holds, and their changes where all are known. */
    private Map<String, PendingChanges> due;
    /** Every series' steps, at every geo level: what the steps store holds, rolled up. */
    private SeriesSteps series;
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
                if (!IndicatorKeys.isThrough(entry.key)) {
                    due.put(entry.key, PendingChanges.dueFrom(entry.value));
                }
            });
        }
        this.series = new SeriesSteps();
        try (KeyValueIterator<String, Long> all = steps.all()) {
            all.forEachRemaining(entry -> {
                StepKey step = IndicatorKeys.parseStep(entry.key);
                String municipality = IndicatorKeys.geoOf(step.series());
                // a province's, region's or Belgium's step kept by an older version: derived now
                if (GeoUnits.get().isMunicipality(municipality)) {
                    String column = IndicatorKeys.columnOf(step.series());
                    for (String unit : GeoUnits.get().rollUp(municipality)) {
                        series.add(IndicatorKeys.series(column, unit), step.component(), step.period(), entry.value);
                    }
                }
            });
        }
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, this::maybeEmit);
    }

    /**
     * Adds the steps of one event in a column to each municipality's series and to its province,
     * region and country: a small update in memory each, and one store write for the municipality.
     */
    @Override
    public void process(Record<String, String> record) {
        pacing.active(context.currentSystemTimeMs(), record.timestamp());
        // summed per step key first: a move between two municipalities of a province cancels out
        // above them, and each series and key costs one update per record
        List<Map<StepKey, Long>> summed = new ArrayList<>();
        for (StepDelta delta : IndicatorKeys.parseSteps(record.value())) {
            List<String> geos = GeoUnits.get().rollUp(delta.municipality());
            for (int level = 0; level < geos.size(); level++) {
                if (summed.size() == level) {
                    summed.add(new HashMap<>());
                }
                summed.get(level).merge(new StepKey(IndicatorKeys.series(record.key(), geos.get(level)),
                        delta.component(), delta.period()), delta.delta(), Long::sum);
            }
        }
        Map<String, List<PendingChanges.Change>> touched = new HashMap<>();
        for (int level = 0; level < summed.size(); level++) {
            boolean municipality = level == 0;
            summed.get(level).forEach((step, delta) -> {
                if (delta != 0) {
                    long now = series.add(step.series(), step.component(), step.period(), delta);
                    if (municipality) {
                        // null deletes, without delete()'s read
                        steps.put(IndicatorKeys.step(step), now == 0 ? null : now);
                    }
                    touched.computeIfAbsent(step.series(), s -> new ArrayList<>())
                            .add(new PendingChanges.Change(step.component(), step.period(), delta));
                }
            });
        }
        touched.forEach(this::changed);
    }

    private void changed(String seriesKey, List<PendingChanges.Change> stepChanges) {
        PendingChanges changes = due.computeIfAbsent(seriesKey, s -> PendingChanges.none());
        int earlier = changes.from();
        changes.add(stepChanges);
        if (changes.from() < earlier) {
            pending.put(seriesKey, changes.from());
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
        for (Map.Entry<String, PendingChanges> entry : List.copyOf(due.entrySet())) {
            SeriesKey key = IndicatorKeys.parseSeries(entry.getKey());
            PeriodAxis axis = PeriodAxis.of(key.granularity());
            int current = axis.index(today);
            int from = entry.getValue().from();
            if (from > current) {
                continue;
            }
            Indicator indicator = Catalogue.byId(key.indicator())
                    .orElseThrow(() -> new IllegalArgumentException("unknown indicator " + key.indicator()));
            String level = GeoUnits.get().unit(key.geo()).orElseThrow().level().id();
            BitSet changed = entry.getValue().changedPeriods(current);
            List<Map<String, Long>> values = values(entry.getKey(), from, current);
            for (int period = from; period <= current; period++) {
                if (changed == null || changed.get(period)) {
                    String label = axis.label(period);
                    CellResult result = indicator.value(values.get(period - from));
                    context.forward(new Record<>(IndicatorKeys.cell(entry.getKey(), label),
                            new IndicatorValue(key.indicator(), key.granularity().id(), key.geo(), level, label,
                                    result.value(), result.count(), result.numerator()),
                            context.currentSystemTimeMs()));
                    cells++;
                }
            }
            due.remove(entry.getKey());
            pending.put(entry.getKey(), null);
        }
        return cells;
    }

    /** When a new period has begun since the last emission, every series of the granularity is due from it. */
    private void carryIntoCurrentPeriod(Granularity granularity, int current) {
        Integer through = pending.get(IndicatorKeys.through(granularity));
        if (through != null && through >= current) {
            return;
        }
        int from = through == null ? current : through + 1;
        for (String seriesKey : series.series()) {
            if (IndicatorKeys.isOf(seriesKey, granularity)) {
                PendingChanges changes = due.computeIfAbsent(seriesKey, key -> PendingChanges.dueFrom(from));
                changes.due(from);
                pending.put(seriesKey, changes.from());
            }
        }
        pending.put(IndicatorKeys.through(granularity), current);
    }

    /**
     * Every component's value in each period from {@code from} to {@code to} (element
     * {@code period - from}): the sum of its steps up to that period. Zero values are left out.
     */
    private List<Map<String, Long>> values(String seriesKey, int from, int to) {
        List<Map<String, Long>> values = new ArrayList<>(to - from + 1);
        for (int period = from; period <= to; period++) {
            values.add(new HashMap<>());
        }
        long[] running = new long[to - from + 1];
        series.components(seriesKey).forEach((component, changes) -> {
            changes.valuesInto(from, to, running);
            for (int i = 0; i < running.length; i++) {
                if (running[i] != 0) {
                    values.get(i).put(component, running[i]);
                }
            }
        });
        return values;
    }
}
