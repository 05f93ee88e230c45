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
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums the steps of each series and, every emit interval, forwards the values of the periods
 * that changed, from the earliest changed period to the current one. Many events touching one
 * series between two emissions cost one emission. When a new week or month begins, every series
 * gets its value for it (stocks carry over; flows are 0).
 *
 * <p>Which series wait for an emission, and from which period, is kept in a store of its own, so
 * that a restart loses nothing.
 */
final class SeriesProcessor implements Processor<String, String, String, IndicatorValue> {

    static final String STEPS_STORE = "series-steps";
    static final String PENDING_STORE = "series-pending";
    /** In the pending store: the last period emitted for every series, per granularity. */
    private static final String THROUGH = "#through/";

    private final Clock clock;
    private final Duration emitInterval;
    private ProcessorContext<String, IndicatorValue> context;
    private KeyValueStore<String, SeriesSteps> steps;
    private KeyValueStore<String, Integer> pending;

    SeriesProcessor(Clock clock, Duration emitInterval) {
        this.clock = clock;
        this.emitInterval = emitInterval;
    }

    @Override
    public void init(ProcessorContext<String, IndicatorValue> context) {
        this.context = context;
        this.steps = context.getStateStore(STEPS_STORE);
        this.pending = context.getStateStore(PENDING_STORE);
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, now -> emit());
    }

    @Override
    public void process(Record<String, String> record) {
        StepDelta delta = StepDelta.parse(record.value());
        SeriesSteps before = steps.get(record.key());
        SeriesSteps after = (before == null ? SeriesSteps.empty() : before).plus(delta);
        if (after.steps().isEmpty()) {
            steps.delete(record.key());
        } else {
            steps.put(record.key(), after);
        }
        markPending(record.key(), delta.period());
    }

    private void markPending(String series, int from) {
        Integer earlier = pending.get(series);
        if (earlier == null || from < earlier) {
            pending.put(series, from);
        }
    }

    /** Forwards the pending periods of every pending series, up to the current period. */
    void emit() {
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
        for (KeyValue<String, Integer> series : due) {
            SeriesKey key = SeriesKey.parse(series.key);
            PeriodAxis axis = PeriodAxis.of(key.granularity());
            int current = axis.index(today);
            if (series.value > current) {
                continue;
            }
            SeriesSteps stored = steps.get(series.key);
            Indicator indicator = Indicators.byId(key.indicator());
            (stored == null ? SeriesSteps.empty() : stored).values(series.value, current).forEach((period, sums) -> {
                String label = axis.label(period);
                context.forward(new Record<>(key.cell(label), indicatorValue(key, label, indicator.value(sums)),
                        context.currentSystemTimeMs()));
            });
            pending.delete(series.key);
        }
    }

    /** When a new period has begun since the last emission, every series of the granularity is due from it. */
    private void carryIntoCurrentPeriod(Granularity granularity, int current) {
        Integer through = pending.get(THROUGH + granularity.id());
        if (through != null && through >= current) {
            return;
        }
        int from = through == null ? current : through + 1;
        String prefix = "/" + granularity.id() + "/";
        try (KeyValueIterator<String, SeriesSteps> all = steps.all()) {
            List<String> series = new ArrayList<>();
            all.forEachRemaining(entry -> {
                if (entry.key.contains(prefix)) {
                    series.add(entry.key);
                }
            });
            series.forEach(key -> markPending(key, from));
        }
        pending.put(THROUGH + granularity.id(), current);
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
