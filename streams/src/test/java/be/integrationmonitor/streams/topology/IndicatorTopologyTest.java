package be.integrationmonitor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.events.ProtectionStatus;
import be.integrationmonitor.events.ProtectionStatusChanged;
import be.integrationmonitor.events.Sex;
import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.indicators.IndicatorValue;
import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.streams.indicator.Cell;
import be.integrationmonitor.streams.indicator.ProtectedPersons;
import be.integrationmonitor.topics.Topic;
import be.integrationmonitor.topics.Topics;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The topology against a plain batch computation of protected_persons straight from the domain
 * rules, over random event sets fed in random order with duplicates. The serdes use the real
 * schema registry.
 */
class IndicatorTopologyTest {

    private static final LocalDate TODAY = LocalDate.of(2025, 1, 15);
    private static final String[] MUNICIPALITIES = {"21004", "21001", "44021", "11002", "62063"};

    private final Topics topics = new Topics(LocalPlatform.shared().registry());

    @Test
    void protectedPersonsEqualTheBatchComputationWhateverTheArrivalOrder() throws Exception {
        for (int seed = 0; seed < 40; seed++) {
            Random random = new Random(seed);
            List<ProtectionStatusChanged> events = randomEvents(random);
            List<ProtectionStatusChanged> arrival = new ArrayList<>(events);
            for (int i = 0; i < events.size() / 5; i++) {
                arrival.add(events.get(random.nextInt(events.size())));
            }
            Collections.shuffle(arrival, random);
            assertThat(streamed(arrival)).as("seed " + seed).isEqualTo(batch(events));
        }
    }

    /** The indicator table the topology ends with, zero cells left out. */
    private Map<String, Long> streamed(List<ProtectionStatusChanged> arrival) throws Exception {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("topology-test").toString());
        Clock clock = Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        Topic<String, ProtectionStatusChanged> in = topics.event(EventType.PROTECTION_STATUS_CHANGED);
        Topic<String, IndicatorValue> out = topics.indicators();
        try (TopologyTestDriver driver = new TopologyTestDriver(IndicatorTopology.build(topics, clock), config)) {
            TestInputTopic<String, ProtectionStatusChanged> input = driver.createInputTopic(
                    in.name(), in.keySerde().serializer(), in.valueSerde().serializer());
            arrival.forEach(event -> input.pipeInput(event.getPersonRef(), event));
            TestOutputTopic<String, IndicatorValue> output = driver.createOutputTopic(
                    out.name(), out.keySerde().deserializer(), out.valueSerde().deserializer());
            Map<String, Long> table = new HashMap<>();
            output.readKeyValuesToMap().forEach((key, value) -> table.put(key, value.getCount()));
            table.values().removeIf(count -> count == 0);
            return table;
        }
    }

    /** domain.md, literally: per person, the latest event on or before each period's last day. */
    private static Map<String, Long> batch(List<ProtectionStatusChanged> events) {
        Map<String, List<ProtectionStatusChanged>> byPerson = new HashMap<>();
        events.forEach(e -> byPerson.computeIfAbsent(e.getPersonRef(), k -> new ArrayList<>()).add(e));
        Comparator<ProtectionStatusChanged> order = Comparator.comparing(ProtectionStatusChanged::getEffectiveDate)
                .thenComparing(ProtectionStatusChanged::getRecordedAt).thenComparing(ProtectionStatusChanged::getEventId);
        LocalDate first = events.stream().map(ProtectionStatusChanged::getEffectiveDate).min(LocalDate::compareTo).orElseThrow();
        Map<String, Long> table = new HashMap<>();
        for (Granularity granularity : Granularity.values()) {
            for (LocalDate end = granularity.lastDay(first); !end.isAfter(granularity.lastDay(TODAY));
                    end = granularity.nextLastDay(end)) {
                for (List<ProtectionStatusChanged> timeline : byPerson.values()) {
                    LocalDate day = end;
                    timeline.stream().filter(e -> !e.getEffectiveDate().isAfter(day)).max(order)
                            .filter(e -> e.getStatus() == ProtectionStatus.GRANTED)
                            .ifPresent(e -> GeoUnits.get().rollUp(e.getMunicipality()).forEach(geo -> table.merge(
                                    new Cell(ProtectedPersons.ID, granularity.id(), geo, granularity.label(day)).key(),
                                    1L, Long::sum)));
                }
            }
        }
        return table;
    }

    private static List<ProtectionStatusChanged> randomEvents(Random random) {
        List<ProtectionStatusChanged> events = new ArrayList<>();
        int persons = 1 + random.nextInt(25);
        for (int p = 0; p < persons; p++) {
            String person = "person-" + p;
            int count = 1 + random.nextInt(6);
            LocalDate base = LocalDate.of(2022, 1, 1).plusDays(random.nextInt(1_140));
            for (int i = 0; i < count; i++) {
                // same-day ties are frequent; some events are dated after today
                LocalDate date = base.plusDays(random.nextInt(3) == 0 ? 0 : random.nextInt(200));
                events.add(ProtectionStatusChanged.newBuilder()
                        .setEventId(new UUID(random.nextLong(), random.nextLong()).toString())
                        .setPartnerId("immigration-office").setPersonRef(person).setEffectiveDate(date)
                        .setRecordedAt(Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(3) * 1000L))
                        .setMunicipality(MUNICIPALITIES[random.nextInt(MUNICIPALITIES.length)])
                        .setStatus(random.nextInt(3) == 0 ? ProtectionStatus.ENDED : ProtectionStatus.GRANTED)
                        .setBirthYear(1980).setSex(Sex.X).setUnaccompaniedMinor(false)
                        .build());
            }
        }
        return events;
    }
}
