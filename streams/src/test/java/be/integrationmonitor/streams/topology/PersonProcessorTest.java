package be.integrationmonitor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.integrationmonitor.events.PersonLimits;
import be.integrationmonitor.indicators.Catalogue;
import be.integrationmonitor.indicators.person.EventKind;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.TimelineEvent;
import be.integrationmonitor.streams.person.TimelineSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * A person's timeline is capped: an event beyond the cap is refused as invalid (dead-lettered by
 * the processing exception handler), so that no timeline outgrows Kafka's record size and stops
 * the engine; an erasure is always taken.
 */
class PersonProcessorTest {

    private static final String PERSON = "person-1";

    @Test
    void anEventBeyondTheCapIsRefusedWithoutChangingTheTimelineAndAnErasureStillCounts() {
        MockProcessorContext<String, String> context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(0);
        KeyValueStore<String, PersonTimeline> store = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(PersonProcessor.STORE), Serdes.String(), new TimelineSerde())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        PersonProcessor processor = new PersonProcessor(Catalogue.INDICATORS, new EmissionPacing(500));
        processor.init(context);

        for (int i = 0; i < PersonLimits.MAX_EVENTS; i++) {
            processor.process(new Record<>(PERSON, residence(i), 0L));
        }
        assertThat(store.get(PERSON).events()).hasSize(PersonLimits.MAX_EVENTS);
        // the record the timeline of the cap becomes stays well within Kafka's default 1 MB
        assertThat(new TimelineSerde().serializer().serialize("t", store.get(PERSON)).length).isLessThan(500_000);

        assertThatThrownBy(() -> processor.process(new Record<>(PERSON, residence(PersonLimits.MAX_EVENTS), 0L)))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("already holds 2000 events");
        assertThat(store.get(PERSON).events()).hasSize(PersonLimits.MAX_EVENTS);
        // an event the timeline already holds (re-sent, re-driven) is ignored, not refused
        processor.process(new Record<>(PERSON, residence(7), 0L));
        assertThat(store.get(PERSON).events()).hasSize(PersonLimits.MAX_EVENTS);

        processor.process(new Record<>(PERSON, TimelineEvent.erasure(), 0L));
        assertThat(store.get(PERSON).erased()).isTrue();
        assertThat(store.get(PERSON).events()).isEmpty();
    }

    /** A residence in Brussels, one day after the other from 2022 on. */
    private static TimelineEvent residence(int i) {
        return new TimelineEvent(EventKind.RESIDENCE, "event-" + i, 18_993 + i, i,
                "21004",
                false, 0, false, null, null, 0, false);
    }
}
