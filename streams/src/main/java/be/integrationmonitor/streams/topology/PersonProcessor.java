package be.integrationmonitor.streams.topology;

import be.integrationmonitor.events.PersonLimits;
import be.integrationmonitor.indicators.Contributions;
import be.integrationmonitor.indicators.Indicator;
import be.integrationmonitor.indicators.keys.IndicatorKeys;
import be.integrationmonitor.indicators.period.PeriodAxis;
import be.integrationmonitor.indicators.person.EventKind;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.Segment;
import be.integrationmonitor.indicators.person.TimelineEvent;
import be.integrationmonitor.periods.Granularity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each person's timeline and, when an event changes it, forwards the steps by which the
 * person's contribution to each municipality's series changes: one record per column touched,
 * key = column {@code indicator/granularity}, value = the column's steps (both formats:
 * {@link IndicatorKeys}). A repeated eventId changes nothing; an erasure retracts everything.
 */
final class PersonProcessor implements Processor<String, TimelineEvent, String, String> {

    static final String STORE = "person-timelines";
    private static final Granularity[] GRANULARITIES = Granularity.values();

    private final List<Indicator> indicators;
    private final EmissionPacing pacing;
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, PersonTimeline> timelines;

    PersonProcessor(List<Indicator> indicators, EmissionPacing pacing) {
        this.indicators = indicators;
        this.pacing = pacing;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.timelines = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, TimelineEvent> record) {
        pacing.active(context.currentSystemTimeMs(), record.timestamp());
        PersonTimeline before = timelines.get(record.key());
        if (before == null) {
            before = PersonTimeline.empty();
        }
        PersonTimeline after = before.with(record.value()).orElse(null);
        if (after == null) {
            return; // already held: a re-sent or re-driven event is ignored, however full the timeline
        }
        if (before.events().size() >= PersonLimits.MAX_EVENTS && record.value().kind() != EventKind.ERASURE
                && !before.erased()) {
            throw new InvalidEventException("the person's timeline already holds " + PersonLimits.MAX_EVENTS
                    + " events, the most one person may have");
        }
        // per indicator, the steps of each granularity (by ordinal): no column key built per step
        Map<String, StringBuilder[]> columns = new HashMap<>();
        Contributions.delta(contributions(before), contributions(after), (key, period, delta) -> {
            StringBuilder[] byGranularity = columns.computeIfAbsent(key.indicator(),
                    indicator -> new StringBuilder[GRANULARITIES.length]);
            int granularity = key.axis().granularity().ordinal();
            if (byGranularity[granularity] == null) {
                byGranularity[granularity] = new StringBuilder();
            }
            IndicatorKeys.appendStep(byGranularity[granularity], key.municipality(), key.component(), period, delta);
        });
        columns.forEach((indicator, byGranularity) -> {
            for (Granularity granularity : GRANULARITIES) {
                StringBuilder steps = byGranularity[granularity.ordinal()];
                if (steps != null) {
                    context.forward(new Record<>(IndicatorKeys.column(indicator, granularity), steps.toString(),
                            record.timestamp()));
                }
            }
        });
        timelines.put(record.key(), after);
    }

    private Contributions contributions(PersonTimeline person) {
        Contributions out = new Contributions();
        if (!person.events().isEmpty()) {
            List<Segment> segments = person.segments();
            for (Granularity granularity : GRANULARITIES) {
                for (Indicator indicator : indicators) {
                    indicator.contribute(person, segments, PeriodAxis.of(granularity), out);
                }
            }
        }
        return out;
    }
}
