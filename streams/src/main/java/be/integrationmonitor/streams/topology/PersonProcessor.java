package be.integrationmonitor.streams.topology;

import be.integrationmonitor.streams.indicator.Contributions;
import be.integrationmonitor.streams.indicator.PersonIndicator;
import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.streams.person.PersonTimeline;
import be.integrationmonitor.streams.person.TimelineEvent;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each person's timeline and, when an event changes it, forwards the change of the
 * person's contribution to every cell: {@code (cell key, delta)}. A repeated eventId changes nothing.
 */
final class PersonProcessor implements Processor<String, TimelineEvent, String, Long> {

    static final String STORE = "person-timelines";

    private final List<PersonIndicator> indicators;
    private final Clock clock;
    private ProcessorContext<String, Long> context;
    private KeyValueStore<String, PersonTimeline> timelines;

    PersonProcessor(List<PersonIndicator> indicators, Clock clock) {
        this.indicators = indicators;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Long> context) {
        this.context = context;
        this.timelines = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, TimelineEvent> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        PersonTimeline before = timelines.get(record.key());
        if (before == null) {
            before = PersonTimeline.empty();
        }
        LocalDate today = LocalDate.now(clock);
        PersonTimeline after = before.with(record.value(), today).orElse(null);
        if (after == null) {
            return;
        }
        Map<String, Long> delta = Contributions.delta(contributions(before, before.asOf()), contributions(after, today));
        delta.forEach((cell, amount) -> context.forward(record.withKey(cell).withValue(amount)));
        timelines.put(record.key(), after);
    }

    private Contributions contributions(PersonTimeline person, LocalDate asOf) {
        Contributions out = new Contributions();
        if (!person.events().isEmpty()) {
            for (PersonIndicator indicator : indicators) {
                for (Granularity granularity : Granularity.values()) {
                    indicator.contribute(person, granularity, asOf, out);
                }
            }
        }
        return out;
    }
}
