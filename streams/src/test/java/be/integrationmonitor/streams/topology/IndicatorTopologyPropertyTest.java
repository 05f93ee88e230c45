package be.integrationmonitor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.indicators.IndicatorValue;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.streams.reference.Expected;
import be.integrationmonitor.streams.reference.RandomEvents;
import be.integrationmonitor.streams.reference.ReferenceIndicators;
import be.integrationmonitor.topics.Topic;
import be.integrationmonitor.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.Stores;

/**
 * The engine against {@link ReferenceIndicators} over random event sets fed in random orders with
 * duplicates and erasures: every cell of every indicator must be equal. The serdes use the real
 * schema registry.
 */
class IndicatorTopologyPropertyTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 2, 12);
    private static final Duration EMIT_INTERVAL = Duration.ofSeconds(1);
    private static final Topics TOPICS = new Topics(LocalPlatform.shared().registry());

    @Property(tries = 300)
    void everyIndicatorEqualsTheBatchComputationWhateverTheArrivalOrder(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 250) int persons,
            @ForAll @IntRange(min = 1, max = 12) int maxEventsPerPerson) {
        Random random = new Random(seed);
        List<SpecificRecord> events = RandomEvents.generate(random, persons, maxEventsPerPerson, TODAY);
        Set<String> erased = new HashSet<>();
        List<Object> arrival = new ArrayList<>(events);
        for (int i = 0; i < events.size() / 10; i++) {
            arrival.add(events.get(random.nextInt(events.size())));
        }
        if (random.nextInt(3) == 0) {
            String person = "person-" + random.nextInt(persons);
            erased.add(person);
            arrival.add(person);
        }
        Collections.shuffle(arrival, random);

        assertThat(streamed(arrival, TODAY, TODAY, random))
                .isEqualTo(ReferenceIndicators.compute(events, erased, TODAY));
    }

    /** When a new week and month begin, every series gets its cells for them, events dated in them included. */
    @Property(tries = 30)
    void aNewWeekAndMonthAreWrittenForEverySeries(@ForAll long seed) {
        Random random = new Random(seed);
        LocalDate thursday = LocalDate.of(2025, 1, 30);
        LocalDate monday = LocalDate.of(2025, 2, 3); // 2025-W06 and 2025-02 begin
        List<SpecificRecord> events = RandomEvents.generate(random, 60, 6, thursday);
        List<Object> arrival = new ArrayList<>(events);
        Collections.shuffle(arrival, random);

        assertThat(streamed(arrival, thursday, monday, random))
                .isEqualTo(ReferenceIndicators.compute(events, Set.of(), monday));
    }

    /**
     * Feeds events (and erasure requests, given as the personRef to erase) to the topology, letting
     * it emit now and then in between (each emission writes only the cells that changed since the
     * last), then moves the engine's clock from {@code today} to {@code later} and lets it emit
     * again, and returns its indicator table, leaving out empty cells (count 0).
     */
    static Map<String, Expected> streamed(List<Object> arrival, LocalDate today, LocalDate later, Random random) {
        MovableClock clock = new MovableClock(today);
        // a generation no engine runs
        Topic<String, IndicatorValue> out = TOPICS.indicators(999);
        Serde<GenericRecord> eventSerde = TOPICS.eventSerde();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                IndicatorTopology.build(TOPICS, 0, out, clock, EMIT_INTERVAL, Stores::inMemoryKeyValueStore), config())) {
            Map<String, TestInputTopic<String, GenericRecord>> inputs = new HashMap<>();
            EventType.INDICATOR_INPUTS.forEach(type -> inputs.put(type.avroClass().getName(),
                    driver.createInputTopic(type.topic(), Serdes.String().serializer(), eventSerde.serializer())));
            TestInputTopic<String, String> erasures = driver.createInputTopic(
                    TOPICS.erasures().name(), Serdes.String().serializer(), Serdes.String().serializer());
            for (Object item : arrival) {
                if (item instanceof SpecificRecord event) {
                    String person = (String) event.get(event.getSchema().getField("personRef").pos());
                    inputs.get(event.getClass().getName()).pipeInput(person, (GenericRecord) event);
                } else {
                    erasures.pipeInput((String) item, "test");
                }
                if (random.nextInt(arrival.size()) < 4) { // about 4 emissions on the way
                    driver.advanceWallClockTime(EMIT_INTERVAL);
                }
            }
            // two intervals: by then the series stage has emitted, in a round or as a quiet instance
            driver.advanceWallClockTime(EMIT_INTERVAL);
            driver.advanceWallClockTime(EMIT_INTERVAL);
            clock.today = later;
            driver.advanceWallClockTime(EMIT_INTERVAL);
            Map<String, Expected> table = new HashMap<>();
            driver.createOutputTopic(out.name(), out.keySerde().deserializer(), out.valueSerde().deserializer())
                    .readKeyValuesToMap().forEach((key, value) ->
                            table.put(key, new Expected(value.getValue(), value.getCount(), value.getNumerator())));
            table.values().removeIf(cell -> cell.count() == 0);
            return table;
        }
    }

    /** The engine's date, which a test moves on. */
    private static final class MovableClock extends Clock {
        private volatile LocalDate today;

        MovableClock(LocalDate today) {
            this.today = today;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return today.atStartOfDay().toInstant(ZoneOffset.UTC);
        }
    }

    private static Properties config() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "property-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("streams-property").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }
}
