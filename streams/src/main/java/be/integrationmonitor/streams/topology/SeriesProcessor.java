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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
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
 * <p>Which series wait for an emission, and from which period, is kept in a store of its own, so
 * that a restart loses nothing.
 */
final class SeriesProcessor implements Processor<String, String, String, IndicatorValue> {

    private static final Logger LOG = Logger.getLogger(SeriesProcessor.class);
    static final String STEPS_STORE = "series-steps";
    static final String PENDING_STORE = "series-pending";
    private static final NavigableMap<Integer, Long> EMPTY = new TreeMap<>();
    /** In the pending store: the last period emitted for every series, per granularity. */
    private static final String THROUGH = "#through/";

    private final Clock clock;
    private final Duration emitInterval;
    private final EmissionPacing pacing;
    private ProcessorContext<String, IndicatorValue> context;
    private KeyValueStore<String, Long> steps;
    private KeyValueStore<String, Integer> pending;
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
        // above them, and each series and key costs one store update per record
        Map<StepKey, Long> summed = new HashMap<>();
        for (StepDelta delta : StepDelta.parseAll(record.value())) {
            for (String geo : GeoUnits.get().rollUp(delta.municipality())) {
                summed.merge(new StepKey(record.key() + "/" + geo, delta.component(), delta.period()), delta.delta(),
                        Long::sum);
            }
        }
        Map<String, Integer> touched = new HashMap<>(); // series → earliest period changed
        summed.forEach((step, delta) -> {
            if (delta == 0) {
                return;
            }
            String key = step.format();
            Long before = steps.get(key);
            long after = (before == null ? 0 : before) + delta;
            if (after == 0) {
                steps.delete(key);
            } else {
                steps.put(key, after);
            }
            touched.merge(step.series(), step.period(), Math::min);
        });
        touched.forEach(this::markPending);
    }

    private void markPending(String series, int from) {
        Integer earlier = pending.get(series);
        if (earlier == null || from < earlier) {
            pending.put(series, from);
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
        List<KeyValue<String, Integer>> due = new ArrayList<>();
        try (KeyValueIterator<String, Integer> all = pending.all()) {
            all.forEachRemaining(entry -> {
                if (!entry.key.startsWith(THROUGH)) {
                    due.add(entry);
                }
            });
        }
        int cells = 0;
        for (KeyValue<String, Integer> series : due) {
            SeriesKey key = SeriesKey.parse(series.key);
            PeriodAxis axis = PeriodAxis.of(key.granularity());
            int current = axis.index(today);
            if (series.value > current) {
                continue;
            }
            Indicator indicator = Indicators.byId(key.indicator());
            NavigableMap<Integer, Map<String, Long>> values = values(series.key, series.value, current);
            values.forEach((period, sums) -> {
                String label = axis.label(period);
                context.forward(new Record<>(key.cell(label), indicatorValue(key, label, indicator.value(sums)),
                        context.currentSystemTimeMs()));
            });
            cells += values.size();
            pending.delete(series.key);
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
        Set<String> series = new HashSet<>();
        try (KeyValueIterator<String, Long> all = steps.all()) {
            all.forEachRemaining(entry -> {
                String key = StepKey.parse(entry.key).series();
                if (key.contains(infix)) {
                    series.add(key);
                }
            });
        }
        series.forEach(key -> markPending(key, from));
        pending.put(THROUGH + granularity.id(), current);
    }

    /**
     * Every component's value in each period from {@code from} to {@code to}: the sum of its steps
     * up to that period. Zero values are left out.
     */
    private NavigableMap<Integer, Map<String, Long>> values(String series, int from, int to) {
        Map<String, Long> running = new HashMap<>();
        Map<String, NavigableMap<Integer, Long>> inRange = new HashMap<>();
        try (KeyValueIterator<String, Long> all = steps.prefixScan(StepKey.prefix(series), Serdes.String().serializer())) {
            all.forEachRemaining(entry -> {
                StepKey step = StepKey.parse(entry.key);
                if (step.period() < from) {
                    running.merge(step.component(), entry.value, Long::sum);
                } else if (step.period() <= to) {
                    inRange.computeIfAbsent(step.component(), c -> new TreeMap<>()).put(step.period(), entry.value);
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
