package be.integrationmonitor.streams.topology;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.events.ProtectionStatusChanged;
import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.indicators.IndicatorValue;
import be.integrationmonitor.streams.indicator.Cell;
import be.integrationmonitor.streams.indicator.PersonIndicator;
import be.integrationmonitor.streams.indicator.ProtectedPersons;
import be.integrationmonitor.streams.person.PersonTimeline;
import be.integrationmonitor.streams.person.TimelineEvent;
import be.integrationmonitor.topics.Topic;
import be.integrationmonitor.topics.Topics;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The indicator engine: events → per-person timelines → per-cell deltas → per-cell sums →
 * the compacted {@code indicators} topic. Every processor, store and internal topic is named.
 */
public final class IndicatorTopology {

    static final String CELL_STORE = "cell-values";
    static final List<PersonIndicator> INDICATORS = List.of(new ProtectedPersons());

    private IndicatorTopology() {
    }

    public static Topology build(Topics topics, Clock clock) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PersonProcessor.STORE),
                Serdes.String(), new ObjectMapperSerde<>(PersonTimeline.class)));

        Topic<String, ProtectionStatusChanged> protection = topics.event(EventType.PROTECTION_STATUS_CHANGED);
        Topic<String, IndicatorValue> indicators = topics.indicators();
        builder.stream(protection.name(), Consumed.with(protection.keySerde(), protection.valueSerde())
                        .withName("protection-status-changed-source"))
                .mapValues(TimelineEvent::of, Named.as("protection-to-timeline-event"))
                .process(() -> new PersonProcessor(INDICATORS, clock), Named.as("person-timeline"), PersonProcessor.STORE)
                .groupByKey(Grouped.with("cell-deltas", Serdes.String(), Serdes.Long()))
                .reduce(Long::sum, Named.as("cell-sum"), Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as(CELL_STORE)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                .toStream(Named.as("cell-changes"))
                .mapValues(IndicatorTopology::indicatorValue, Named.as("to-indicator-value"))
                .to(indicators.name(), Produced.with(indicators.keySerde(), indicators.valueSerde()).withName("indicators-sink"));
        return builder.build();
    }

    static IndicatorValue indicatorValue(String key, Long count) {
        Cell cell = Cell.parse(key);
        return IndicatorValue.newBuilder()
                .setIndicator(cell.indicator())
                .setGranularity(cell.granularity())
                .setGeo(cell.geo())
                .setLevel(GeoUnits.get().unit(cell.geo()).orElseThrow().level().id())
                .setPeriod(cell.period())
                .setValue((double) count)
                .setCount(count)
                .build();
    }
}
