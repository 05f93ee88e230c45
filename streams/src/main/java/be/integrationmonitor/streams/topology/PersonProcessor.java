package be.integrationmonitor.streams.topology;

import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.streams.indicator.Contributions;
import be.integrationmonitor.streams.indicator.Indicator;
import be.integrationmonitor.streams.period.PeriodAxis;
import be.integrationmonitor.streams.person.PersonTimeline;
import be.integrationmonitor.streams.person.Segment;
import be.integrationmonitor.streams.person.TimelineEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each person's timeline and, when an event changes it, adds the steps by which the person's
 * contribution to each municipality's series changes to a buffer. Every flush interval the buffer
 * is forwarded, summed per (series, component, period): key = column {@code indicator/granularity},
 * value = {@link StepDelta}. Many events touching one series between two flushes cost one record;
 * steps that cancel out cost none. A repeated eventId changes nothing; an erasure retracts
 * everything.
 *
 * <p>The buffer is a changelogged store committed with the input offsets, so exactly-once holds
 * across a crash between two flushes.
 */
final class PersonProcessor implements Processor<String, TimelineEvent, String, String> {

    static final String STORE = "person-timelines";
    static final String BUFFER_STORE = "series-step-buffer";

    private final List<Indicator> indicators;
    private final Duration flushInterval;
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, PersonTimeline> timelines;
    private KeyValueStore<String, Long> buffer;

    PersonProcessor(List<Indicator> indicators, Duration flushInterval) {
        this.indicators = indicators;
        this.flushInterval = flushInterval;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.timelines = context.getStateStore(STORE);
        this.buffer = context.getStateStore(BUFFER_STORE);
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(Record<String, TimelineEvent> record) {
        PersonTimeline before = timelines.get(record.key());
        if (before == null) {
            before = PersonTimeline.empty();
        }
        PersonTimeline after = before.with(record.value()).orElse(null);
        if (after == null) {
            return;
        }
        Contributions.delta(contributions(before), contributions(after), (key, period, delta) -> {
            String step = String.join("|", key.indicator() + "/" + key.axis().granularity().id(), key.municipality(),
                    key.component(), Integer.toString(period));
            Long buffered = buffer.get(step);
            long sum = (buffered == null ? 0 : buffered) + delta;
            if (sum == 0) {
                buffer.delete(step);
            } else {
                buffer.put(step, sum);
            }
        });
        timelines.put(record.key(), after);
    }

    /** Forwards the buffered steps and empties the buffer. */
    private void flush() {
        List<KeyValue<String, Long>> steps = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = buffer.all()) {
            all.forEachRemaining(steps::add);
        }
        long now = context.currentSystemTimeMs();
        for (KeyValue<String, Long> step : steps) {
            int column = step.key.indexOf('|');
            context.forward(new Record<>(step.key.substring(0, column),
                    step.key.substring(column + 1) + "|" + step.value, now));
            buffer.delete(step.key);
        }
    }

    private Contributions contributions(PersonTimeline person) {
        Contributions out = new Contributions();
        if (!person.events().isEmpty()) {
            List<Segment> segments = person.segments();
            for (Granularity granularity : Granularity.values()) {
                for (Indicator indicator : indicators) {
                    indicator.contribute(person, segments, PeriodAxis.of(granularity), out);
                }
            }
        }
        return out;
    }
}
