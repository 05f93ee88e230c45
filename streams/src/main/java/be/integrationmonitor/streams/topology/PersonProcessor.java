package be.integrationmonitor.streams.topology;

import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.streams.indicator.Contributions;
import be.integrationmonitor.streams.indicator.Indicator;
import be.integrationmonitor.streams.period.PeriodAxis;
import be.integrationmonitor.streams.person.PersonTimeline;
import be.integrationmonitor.streams.person.Segment;
import be.integrationmonitor.streams.person.TimelineEvent;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each person's timeline and, when an event changes it, forwards the steps by which the
 * person's contribution to each series changes, at every geo level: key = series, value =
 * {@link StepDelta}. A repeated eventId changes nothing; an erasure retracts everything.
 */
final class PersonProcessor implements Processor<String, TimelineEvent, String, String> {

    static final String STORE = "person-timelines";

    private final List<Indicator> indicators;
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, PersonTimeline> timelines;

    PersonProcessor(List<Indicator> indicators) {
        this.indicators = indicators;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.timelines = context.getStateStore(STORE);
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
            String value = StepDelta.format(key.component(), period, delta);
            for (String geo : GeoUnits.get().rollUp(key.municipality())) {
                String series = SeriesKey.format(key.indicator(), key.axis().granularity(), geo);
                context.forward(record.withKey(series).withValue(value));
            }
        });
        timelines.put(record.key(), after);
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
