package be.integrationmonitor.deploy.faults;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.deploy.CellDifferences;
import be.integrationmonitor.deploy.IndicatorsTopicReader;
import be.integrationmonitor.deploy.LocalStack;
import be.integrationmonitor.deploy.PushClient;
import be.integrationmonitor.deploy.SyntheticFeed;
import be.integrationmonitor.deploy.SyntheticFeed.PartnerEvent;
import be.integrationmonitor.deploy.ops.Cluster;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.platform.ChildJvm;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.streams.reference.Expected;
import be.integrationmonitor.streams.reference.ReferenceIndicators;
import be.integrationmonitor.topics.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The fault suite: the whole product on one machine under a steady partner load while, in turn, the
 * broker, the schema registry, the engine, the sink API and the producers are SIGKILLed and started
 * again on their ports and data, then the registry is stopped for a minute. Afterwards every
 * indicator cell equals the batch reference computed from the events in Kafka, every event the
 * push API answered accepted is in Kafka, only events whose batch had to be re-sent are there more
 * than once (the engine counts an eventId once), no valid event is dead-lettered, and a batch
 * answered 503 while the broker was down left no event in Kafka but the lines its answer lists.
 * After each fault a probe event measures when the indicators are fresh again; the recovery table
 * is printed at the end. CI's size by default; the benchmark's with system properties
 * ({@link FaultSuiteSize}, docs/operations.md "Fault suite").
 */
class FaultSuiteTest {

    private static final long SEED = 7;
    private static final int GENERATION = Generations.INITIAL.serving();
    /** How long a component may take to be ready again, and a probe to show after it. */
    private static final Duration RECOVERY = Duration.ofMinutes(3);
    /** Longer than twice the engine's emit interval (500 ms) and its commit interval. */
    private static final Duration SETTLE = Duration.ofSeconds(3);
    /** Persons whose grants are pushed once while the broker is down, never re-sent; far past the load's. */
    private static final int HALF_WAY_FIRST = 100_000_000;
    private static final int HALF_WAY_PERSONS = 20;

    private final long origin = System.nanoTime();
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final PartnerPushes pushes = new PartnerPushes();
    private final List<Recovery> recoveries = new ArrayList<>();
    private HalfWay halfWay;

    /** One fault of the schedule: a component killed, left down for {@code down}, started again. */
    private record Step(Component component, Duration down) {

        String label() {
            return down.isZero() ? component.label() + " killed" : component.label() + " stopped "
                    + down.toSeconds() + " s";
        }
    }

    /** The batch pushed while the broker was down: its eventIds and those its 503 listed as written. */
    private record HalfWay(Set<String> eventIds, Set<String> acknowledged) {
    }

    @Test
    void everyIndicatorStaysExactThroughKillsAndARegistryOutage() throws Exception {
        FaultSuiteSize size = FaultSuiteSize.fromSystemProperties();
        // the load's rest and the engine's catching up take longer at the benchmark's size
        Duration patience = Duration.ofMinutes(10).plusSeconds(size.persons() / 100);
        LocalDate lastDay = FreshnessProbe.firstDayOfProbes(today).minusDays(1);
        LocalDate firstDay = lastDay.minusYears(2).isBefore(LocalDate.of(2022, 1, 1)) ? LocalDate.of(2022, 1, 1)
                : lastDay.minusYears(2);
        SyntheticFeed feed = new SyntheticFeed(SEED, firstDay, lastDay);
        Path data = Files.createTempDirectory("im-faults-");
        List<ChildJvm> jvms = new ArrayList<>();
        int persons;
        log("size " + size + "; data and logs in " + data);
        try (LocalStack stack = LocalStack.start(LocalStack.Options.ephemeral(data), this::log)) {
            PushClient immigrationOffice = new PushClient(stack.pushUrl(), SyntheticFeed.IMMIGRATION_OFFICE_TOKEN);
            AnalystApi api = new AnalystApi(stack.apiUrl());
            FreshnessProbe probe = new FreshnessProbe(immigrationOffice, api, pushes, today);
            try (PartnerLoad load = new PartnerLoad(immigrationOffice, feed, size, pushes)) {
                load.start();
                long firstProbe = System.nanoTime();
                log("load started; indicators fresh after " + seconds(firstProbe, probe.await(RECOVERY)) + " s");
                for (Step step : schedule(size)) {
                    recoveries.add(run(step, stack, probe, feed, load));
                }
                load.unthrottle();
                load.awaitDone(patience);
                persons = load.personsPushed();
                log("load done: " + persons + " persons, " + load.pushed() + " events");
            }
            System.out.println(Recovery.table(recoveries));

            LocalPlatform platform = stack.platform();
            long deadLetters;
            try (Cluster cluster = new Cluster(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
                cluster.awaitCaughtUp(GENERATION, SETTLE, Instant.now().plus(patience), progress -> { });
                deadLetters = records(cluster, Topics.DEAD_LETTER);
            }
            log("engine caught up");
            EventTopics topics = EventTopics.read(platform);
            Map<String, Expected> reference = ReferenceIndicators.compute(topics.indicatorInputs(), Set.of(), today);
            Map<String, String> expected = new TreeMap<>();
            reference.forEach((key, cell) -> expected.put(key, cell.toString()));
            log(topics.indicatorInputs().size() + " indicator events in Kafka, " + topics.copies().size()
                    + " eventIds; " + expected.size() + " cells in the reference");

            assertThat(pushes.violations()).as("answers the push API must never give").isEmpty();
            assertThat(missing(pushes.accepted(), topics)).as("events answered accepted but not in Kafka").isEmpty();
            assertThat(missing(feedEventIds(feed, persons), topics)).as("feed events not in Kafka").isEmpty();
            Set<String> doubled = topics.copies().entrySet().stream().filter(e -> e.getValue() > 1)
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            log(doubled.size() + " events in Kafka more than once, all of batches re-sent: "
                    + pushes.resent().containsAll(doubled));
            doubled.removeAll(pushes.resent());
            assertThat(doubled).as("events in Kafka twice though their batch was sent once").isEmpty();
            assertThat(halfWay).as("a batch was pushed while the broker was down").isNotNull();
            Set<String> halfWayInKafka = new HashSet<>(halfWay.eventIds());
            halfWayInKafka.retainAll(topics.copies().keySet());
            assertThat(halfWayInKafka).as("what is in Kafka of the batch answered 503: the lines it listed written")
                    .isEqualTo(halfWay.acknowledged());
            assertThat(deadLetters).as("records in dead-letter (every event of the suite is valid)").isZero();

            try (IndicatorsTopicReader indicators = new IndicatorsTopicReader(platform,
                    Generations.outputTopic(GENERATION), key -> true, FaultSuiteTest::cell)) {
                // one read of the topic takes ~1 s per 10,000 cells on two cores: the wait scales with it
                Awaitility.await("every indicator equals the batch reference")
                        .atMost(Duration.ofSeconds(Math.max(60, expected.size() / 2_000)))
                        .pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> assertThat(CellDifferences.between(expected, indicators.read())).isEmpty());
                Thread.sleep(SETTLE.toMillis());
                assertThat(CellDifferences.between(expected, indicators.read())).as("the indicators stay exact")
                        .isEmpty();
            }
            assertThat(belgiumAsServed(api)).as("protected persons in Belgium as the sink API serves them")
                    .isEqualTo(belgiumExpected(reference));
            log("exact: " + expected.size() + " cells");
            jvms.addAll(stack.jvms());
        }
        assertThat(jvms).as("every child JVM is stopped").noneMatch(ChildJvm::isAlive);
    }

    /** Each component killed in turn, as many kills as the size says, then the registry stopped a while. */
    private static List<Step> schedule(FaultSuiteSize size) {
        List<Step> steps = new ArrayList<>();
        Component[] order = Component.values();
        for (int i = 0; i < size.kills(); i++) {
            steps.add(new Step(order[i % order.length], Duration.ZERO));
        }
        steps.add(new Step(Component.REGISTRY, size.registryOutage()));
        return steps;
    }

    private Recovery run(Step step, LocalStack stack, FreshnessProbe probe, SyntheticFeed feed, PartnerLoad load)
            throws Exception {
        long pushedBefore = load.pushed();
        long killed = System.nanoTime();
        step.component().kill(stack);
        log(step.label() + " (" + pushedBefore + " events accepted so far)");
        if (step.component() == Component.BROKER && halfWay == null) {
            halfWay = pushWhileBrokerDown(stack, feed);
        }
        Thread.sleep(Math.max(0, step.down().toMillis() - (System.nanoTime() - killed) / 1_000_000));
        long restarting = System.nanoTime();
        step.component().restart(stack);
        long ready = System.nanoTime();
        log(step.component().label() + " ready again");
        long fresh = probe.await(RECOVERY);
        Recovery recovery = Recovery.of(step.label(), origin, killed, restarting, ready, fresh, pushes.attempts(),
                load.pushed() - pushedBefore);
        log("indicators fresh again: " + recovery);
        return recovery;
    }

    /**
     * Pushes the grants of persons after the load's once while the broker is down: the API answers
     * 503 with a Retry-After, and lists the lines it wrote (docs/api.md); they are never re-sent.
     */
    private HalfWay pushWhileBrokerDown(LocalStack stack, SyntheticFeed feed) {
        List<Map<String, Object>> grants = feed.persons(HALF_WAY_FIRST, HALF_WAY_FIRST + HALF_WAY_PERSONS).stream()
                .filter(e -> e.partner().equals(SyntheticFeed.IMMIGRATION_OFFICE)).map(PartnerEvent::event).toList();
        PushClient.Answer answer = new PushClient(stack.pushUrl(), SyntheticFeed.IMMIGRATION_OFFICE_TOKEN)
                .push(grants);
        log("a push while the broker is down: " + answer.status() + ", Retry-After " + answer.retryAfterSeconds()
                + " s, " + answer.body().path("results").size() + " lines listed written");
        assertThat(answer.status()).as("a push while the broker is down").isEqualTo(503);
        assertThat(answer.retryAfterSeconds()).as("its Retry-After").isPositive();
        Set<String> acknowledged = new HashSet<>();
        for (JsonNode line : answer.body().path("results")) {
            assertThat(line.path("status").asText()).as("a line a 503 lists").isEqualTo("accepted");
            acknowledged.add(line.path("eventId").asText());
        }
        pushes.keepAccepted(answer);
        return new HalfWay(grants.stream().map(e -> (String) e.get("eventId")).collect(Collectors.toSet()),
                acknowledged);
    }

    /** A cell of the indicators topic as the reference gives it. */
    private static String cell(GenericRecord value) {
        return new Expected((Double) value.get("value"), ((Number) value.get("count")).longValue(),
                (Long) value.get("numerator")).toString();
    }

    /** Person by person: at the benchmark's size the whole feed's events would not fit the test's heap. */
    private static Set<String> feedEventIds(SyntheticFeed feed, int persons) {
        Set<String> eventIds = new HashSet<>();
        for (int i = 0; i < persons; i++) {
            feed.person(i).forEach(e -> eventIds.add((String) e.event().get("eventId")));
        }
        return eventIds;
    }

    private static Set<String> missing(Set<String> eventIds, EventTopics topics) {
        Set<String> missing = new HashSet<>(eventIds);
        missing.removeAll(topics.copies().keySet());
        return missing;
    }

    /** The analysts' monthly protected persons in Belgium, by period, as the sink API serves them. */
    private static Map<String, Double> belgiumAsServed(AnalystApi api) throws InterruptedException {
        JsonNode series = api.monthlySeries("protected_persons", "01000", "").orElseThrow();
        Map<String, Double> values = new TreeMap<>();
        series.path("points").forEach(point -> {
            if (point.path("value").asDouble(0) != 0) {
                values.put(point.path("period").asText(), point.path("value").asDouble());
            }
        });
        return values;
    }

    private static Map<String, Double> belgiumExpected(Map<String, Expected> reference) {
        Map<String, Double> values = new TreeMap<>();
        String prefix = "protected_persons/month/01000/";
        reference.forEach((key, cell) -> {
            if (key.startsWith(prefix)) {
                values.put(key.substring(prefix.length()), cell.value());
            }
        });
        return values;
    }

    private static long records(Cluster cluster, String topic) throws Exception {
        long end = cluster.offsets(List.of(topic), OffsetSpec.latest()).values().stream().mapToLong(Long::longValue).sum();
        long start = cluster.offsets(List.of(topic), OffsetSpec.earliest()).values().stream().mapToLong(Long::longValue)
                .sum();
        return end - start;
    }

    private static String seconds(long from, long to) {
        return String.format(Locale.ROOT, "%.1f", (to - from) / 1e9);
    }

    private void log(String message) {
        System.out.printf("[faults] %6.1f s  %s%n", (System.nanoTime() - origin) / 1e9, message);
    }
}
