package be.integrationmonitor.streams.topology;

import be.integrationmonitor.indicators.IndicatorValue;
import be.integrationmonitor.indicators.Catalogue;
import be.integrationmonitor.indicators.person.TimelineEvent;
import be.integrationmonitor.streams.person.TimelineSerde;
import be.integrationmonitor.topics.Topic;
import be.integrationmonitor.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * The indicator engine:
 * <pre>
 * event topics + erasures ─▶ person-timeline (store person-timelines)
 *   ─▶ series-steps (repartition by column indicator/granularity)
 *   ─▶ series-sum (stores series-steps, series-pending) ─▶ indicators.&lt;generation&gt; (compacted)
 * </pre>
 * Every event topic is keyed by personRef, so a person's events meet in one task; a column's
 * series at every geo level meet in one task of the series stage. Every processor, store and
 * internal topic is named, so that the topology can evolve.
 */
public final class IndicatorTopology {

    private IndicatorTopology() {
    }

    /**
     * @param inputVersion the input version of the event topics the generation reads ({@link Topics#versioned})
     * @param indicators   the output topic: the indicators topic of the engine generation
     * @param emitInterval how often changed series go to the output: freshness against output volume
     */
    public static Topology build(Topics topics, int inputVersion, Topic<String, IndicatorValue> indicators, Clock clock,
                                 Duration emitInterval) {
        return build(topics, inputVersion, indicators, clock, emitInterval, Stores::persistentKeyValueStore);
    }

    /** @param stores makes the state stores by name: RocksDB in production, in memory in fast tests */
    static Topology build(Topics topics, int inputVersion, Topic<String, IndicatorValue> indicators, Clock clock,
                          Duration emitInterval, Function<String, KeyValueBytesStoreSupplier> stores) {
        StreamsBuilder builder = new StreamsBuilder();
        // cached: a person's events arrive close together in a replay; one write per commit, not per event
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.apply(PersonProcessor.STORE),
                Serdes.String(), new TimelineSerde()).withCachingEnabled());
        // cached: the province, region and country keys are hit by every step of their municipalities
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.apply(SeriesProcessor.STEPS_STORE),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(stores.apply(SeriesProcessor.PENDING_STORE),
                Serdes.String(), Serdes.Integer()).withCachingEnabled());

        KStream<String, TimelineEvent> events = builder
                .stream(Topics.indicatorInputs(inputVersion),
                        Consumed.with(Serdes.String(), topics.eventSerde()).withName("events-source"))
                .mapValues((personRef, event) -> EventValidation.check(personRef, timelineEvent(event)),
                        Named.as("to-timeline-event"));
        Topic<String, String> erasures = topics.erasures();
        KStream<String, TimelineEvent> erasureRequests = builder
                .stream(erasures.name(), Consumed.with(erasures.keySerde(), erasures.valueSerde())
                        .withName("erasures-source"))
                .mapValues(request -> TimelineEvent.erasure(), Named.as("to-erasure"));

        EmissionPacing pacing = new EmissionPacing(emitInterval.toMillis());
        events.merge(erasureRequests, Named.as("events-and-erasures"))
                .process(() -> new PersonProcessor(Catalogue.INDICATORS, pacing), Named.as("person-timeline"),
                        PersonProcessor.STORE)
                .repartition(Repartitioned.with(Serdes.String(), Serdes.String()).withName(Topics.SERIES_STEPS))
                .process(() -> new SeriesProcessor(clock, emitInterval, pacing), Named.as("series-sum"),
                        SeriesProcessor.STEPS_STORE, SeriesProcessor.PENDING_STORE)
                .to(indicators.name(), Produced.with(indicators.keySerde(), indicators.valueSerde())
                        .withName("indicators-sink"));
        return builder.build();
    }

    private static TimelineEvent timelineEvent(GenericRecord event) {
        try {
            return TimelineEvent.of(event);
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            throw new InvalidEventException("cannot read " + event.getSchema().getName() + ": " + e.getMessage());
        }
    }
}
