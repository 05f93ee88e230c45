package be.integrationmonitor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.events.ProtectionStatus;
import be.integrationmonitor.events.ProtectionStatusChanged;
import be.integrationmonitor.events.ResidenceChanged;
import be.integrationmonitor.events.Sex;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.periods.Granularity;
import be.integrationmonitor.platform.ChildJvm;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.platform.Ports;
import be.integrationmonitor.topics.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import be.integrationmonitor.deploy.ops.Cluster;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The indicator engine as two instances of one Kafka Streams application on a real broker: the
 * partitions spread over both, each keeping a standby of the other's state. Events are written
 * straight to the event topics in batches; one instance is killed with SIGKILL while it processes,
 * writing goes on, and the indicators must be complete and exact (nothing lost, nothing counted
 * twice) once the survivor has taken over, and again after the killed instance came back with its
 * old state directory. The expected values are computed here from the events by the definitions of
 * docs/domain.md, independently of the engine. The persons and their events are the same in every
 * run, dated relative to today.
 */
class TwoEnginesTest {

    private static final String APPLICATION = Generations.applicationId(1);
    private static final String OUTPUT = Generations.outputTopic(1);
    private static final int PARTITIONS = 4;
    private static final int EVENT_PARTITIONS = PARTITIONS * EventType.INDICATOR_INPUTS.size();
    private static final Duration READY = Duration.ofMinutes(3);
    private static final Duration SETTLE = Duration.ofSeconds(3); // > twice the emit interval (500 ms) and the commit interval

    /** Municipalities of every region, with their province and region (Statbel REFNIS 2025). */
    private static final Map<String, List<String>> GEO = new TreeMap<>(Map.of(
            "21001", List.of("04000", "04000"), // Anderlecht: Brussels has no province, it rolls up to the region
            "21004", List.of("04000", "04000"), // Brussel
            "11002", List.of("10000", "02000"), // Antwerpen
            "44021", List.of("40000", "02000"), // Gent
            "73109", List.of("70000", "02000"), // Voeren
            "57081", List.of("50000", "03000"), // Doornik
            "62063", List.of("60000", "03000"), // Luik
            "92094", List.of("90000", "03000"))); // Namen
    private static final List<String> MUNICIPALITIES = List.copyOf(GEO.keySet());
    private static final String COUNTRY = "01000";
    private static final List<String> CHECKED = List.of("protected_persons/", "new_protections/");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    /** Every event date lies between this day and 11 days ago: recent, so the series stay short. */
    private final LocalDate firstDay = today.minusDays(430);
    private final List<ChildJvm> jvms = new ArrayList<>();
    private final List<Fact> written = new ArrayList<>();
    private final long started = System.nanoTime();

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aKilledInstanceLosesNothingAndCountsNothingTwice() throws Exception {
        Path data = Files.createTempDirectory("im-two-engines-");
        LocalPlatform.Settings settings = new LocalPlatform.Settings(data, Ports.free(), Ports.free(), Ports.free(),
                "512m", "384m", PARTITIONS);
        Engine a = new Engine("engine-a", data);
        Engine b = new Engine("engine-b", data);
        try (LocalPlatform platform = LocalPlatform.start(settings);
             Cluster cluster = new Cluster(Map.of("bootstrap.servers", platform.bootstrapServers()));
             KafkaProducer<String, GenericRecord> producer = producer(platform);
             IndicatorsTopicReader indicators = new IndicatorsTopicReader(platform, OUTPUT,
                     key -> CHECKED.stream().anyMatch(key::startsWith),
                     value -> cell(((Number) value.get("count")).longValue(), (Double) value.get("value")))) {
            jvms.add(platform.broker().jvm());
            jvms.add(platform.schemaRegistry().jvm());
            log("platform up");
            try {
                CompletableFuture.allOf(CompletableFuture.runAsync(() -> a.start(platform)),
                        CompletableFuture.runAsync(() -> b.start(platform))).join();
                log("both engines ready");

                // Both instances run tasks of both stages, before any data (empty state: a balanced assignment).
                Awaitility.await("both instances own partitions").atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> {
                            Map<String, Set<TopicPartition>> owned = assignment(cluster.admin());
                            assertThat(owned.keySet()).containsExactlyInAnyOrder(a.name, b.name);
                            assertThat(eventPartitions(owned.get(a.name))).isNotEmpty();
                            assertThat(eventPartitions(owned.get(b.name))).isNotEmpty();
                        });

                // 1. Two instances, normal operation.
                write(producer, grants(0, 800));
                awaitExact(cluster, indicators, "two instances");
                Map<String, Set<TopicPartition>> before = assignment(cluster.admin());
                log("assignment: " + describe(before));
                assertThat(eventPartitions(before.get(a.name))).as("engine-a runs person tasks").isNotEmpty();
                assertThat(eventPartitions(before.get(b.name))).as("engine-b runs person tasks").isNotEmpty();
                assertThat(eventPartitions(before.get(a.name)).size() + eventPartitions(before.get(b.name)).size())
                        .as("every input partition has one owner").isEqualTo(EVENT_PARTITIONS);
                // Each keeps a hot standby of the other's tasks (num.standby.replicas=1), as its readiness says.
                Tasks tasksOfA = a.tasks();
                Tasks tasksOfB = b.tasks();
                log("engine-a runs " + tasksOfA + ", engine-b " + tasksOfB);
                assertThat(tasksOfA.active()).as("engine-a runs person (0_x) and series (1_x) tasks")
                        .anyMatch(t -> t.startsWith("0_")).anyMatch(t -> t.startsWith("1_"));
                assertThat(tasksOfB.active()).as("engine-b runs person (0_x) and series (1_x) tasks")
                        .anyMatch(t -> t.startsWith("0_")).anyMatch(t -> t.startsWith("1_"));
                assertThat(tasksOfA.standby()).as("engine-a's standbys").isEqualTo(tasksOfB.active());
                assertThat(tasksOfB.standby()).as("engine-b's standbys").isEqualTo(tasksOfA.active());

                // 2. engine-b is killed while both process a batch; the writing goes on.
                List<List<Fact>> chunks = chunks(shuffled(2, grants(800, 2000), followUps(0, 800)), 10);
                Map<TopicPartition, Long> beforeBatch = cluster.offsets(Topics.engineInputs(0), OffsetSpec.latest());
                for (int i = 0; i < 5; i++) {
                    write(producer, chunks.get(i));
                    Thread.sleep(200);
                }
                Set<TopicPartition> victims = eventPartitions(assignment(cluster.admin()).get(b.name));
                Awaitility.await("engine-b processes the batch").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50)).until(() -> {
                            Map<TopicPartition, Long> committed = cluster.committed(APPLICATION);
                            return victims.stream().anyMatch(p ->
                                    committed.getOrDefault(p, 0L) > beforeBatch.getOrDefault(p, 0L));
                        });
                write(producer, chunks.get(5));
                Map<TopicPartition, Long> atKill = cluster.offsets(Topics.engineInputs(0), OffsetSpec.latest());
                b.kill();
                Map<TopicPartition, Long> committedAtKill = cluster.committed(APPLICATION);
                long unprocessed = victims.stream()
                        .mapToLong(p -> atKill.get(p) - committedAtKill.getOrDefault(p, 0L)).sum();
                log("killed engine-b (SIGKILL) with " + unprocessed + " of its input records not yet committed");
                assertThat(unprocessed).as("engine-b was killed in the middle of its work").isPositive();
                for (int i = 6; i < chunks.size(); i++) {
                    write(producer, chunks.get(i));
                }
                write(producer, shuffled(3, grants(2000, 2600), followUps(800, 2000)));
                awaitExact(cluster, indicators, "engine-a alone, after the kill");
                Map<String, Set<TopicPartition>> survivor = assignment(cluster.admin());
                assertThat(survivor.keySet()).as("only the survivor is left").containsExactly(a.name);
                assertThat(eventPartitions(survivor.get(a.name))).as("it took over every partition")
                        .hasSize(EVENT_PARTITIONS);

                // 3. engine-b comes back with its state directory; more data.
                b.start(platform);
                log("engine-b restarted");
                for (List<Fact> chunk : chunks(shuffled(4, grants(2600, 3000), followUps(2000, 3000)), 4)) {
                    write(producer, chunk);
                    Thread.sleep(500);
                }
                awaitExact(cluster, indicators, "both instances, after the restart");
                Map<String, Set<TopicPartition>> after = assignment(cluster.admin());
                log("assignment: " + describe(after));
                assertThat(after.keySet()).containsExactlyInAnyOrder(a.name, b.name);
                Tasks finalA = a.tasks();
                Tasks finalB = b.tasks();
                log("engine-a runs " + finalA + ", engine-b " + finalB);
                assertThat(finalB.active()).as("engine-b runs tasks again, from state restored from the changelogs")
                        .anyMatch(t -> t.startsWith("0_")).anyMatch(t -> t.startsWith("1_"));
                assertThat(finalA.standby()).as("engine-a's standbys").isEqualTo(finalB.active());
                assertThat(finalB.standby()).as("engine-b's standbys").isEqualTo(finalA.active());
                log("done");
            } finally {
                CompletableFuture.allOf(CompletableFuture.runAsync(a::close), CompletableFuture.runAsync(b::close))
                        .join();
            }
        }
        assertThat(jvms).as("every child JVM is stopped").noneMatch(ChildJvm::isAlive);
    }

    /** One instance of the engine service: its own port and state directory, the same application. */
    private final class Engine {
        private final String name;
        private final int port = Ports.free();
        private final Path stateDir;
        private final Path logDir;
        private Service service;

        Engine(String name, Path data) {
            this.name = name;
            this.stateDir = data.resolve(name + "/state");
            this.logDir = data.resolve(name + "/logs");
        }

        void start(LocalPlatform platform) {
            Map<String, Object> config = new HashMap<>();
            config.put("kafka.bootstrap.servers", platform.bootstrapServers());
            config.put("registry.url", platform.registry().root());
            config.put("im.state.dir", stateDir);
            config.put("kafka-streams.num.standby.replicas", 1);
            // names the instance's clients, to tell the group's members apart
            config.put("kafka-streams.client.id", name);
            // a member that vanished is noticed after 6 s, not the default 45 s
            config.put("kafka-streams.session.timeout.ms", 6000);
            config.put("kafka-streams.heartbeat.interval.ms", 1500);
            // The killed instance's state is wiped on restart (exactly-once, no checkpoint after a crash);
            // its changelogs are near the default 10,000 records here, over which it would get its tasks back
            // only at a probing rebalance, 10 min later. Higher: it takes them back at once, restoring first.
            config.put("kafka-streams.acceptable.recovery.lag", 1_000_000);
            Service started = Service.start("streams", port, "384m", logDir, config, Map.of());
            synchronized (jvms) {
                jvms.add(started.jvm());
            }
            service = started;
            started.awaitReady(READY);
        }

        void kill() {
            service.kill();
        }

        Tasks tasks() throws IOException, InterruptedException {
            return Tasks.of(service);
        }

        void close() {
            if (service != null) {
                service.close();
            }
        }
    }

    /** One fact of a person's timeline, as a partner reports it. */
    private record Fact(String person, String eventId, LocalDate date, Kind kind, String municipality) {

        ProducerRecord<String, GenericRecord> record() {
            Instant recordedAt = date.atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC);
            if (kind == Kind.MOVED) {
                return new ProducerRecord<>(EventType.RESIDENCE_CHANGED.topic(), person, ResidenceChanged.newBuilder()
                        .setEventId(eventId).setPartnerId("municipality-" + municipality).setPersonRef(person)
                        .setEffectiveDate(date).setRecordedAt(recordedAt).setMunicipality(municipality).build());
            }
            return new ProducerRecord<>(EventType.PROTECTION_STATUS_CHANGED.topic(), person,
                    ProtectionStatusChanged.newBuilder().setEventId(eventId).setPartnerId("immigration-office")
                            .setPersonRef(person).setEffectiveDate(date).setRecordedAt(recordedAt)
                            .setMunicipality(municipality)
                            .setStatus(kind == Kind.GRANTED ? ProtectionStatus.GRANTED : ProtectionStatus.ENDED)
                            .setBirthYear(1990).setSex(Sex.F).setUnaccompaniedMinor(false).build());
        }
    }

    private enum Kind { GRANTED, MOVED, ENDED }

    /**
     * Person i, always the same: protection granted in one municipality, then for half of them a
     * move to another one, then for a third of them the end of the protection; each on its own day.
     */
    private List<Fact> person(int i) {
        Random random = new Random(1_000L + i);
        String person = "two-engines-person-" + i;
        List<Fact> facts = new ArrayList<>();
        LocalDate day = firstDay.plusDays(random.nextInt(300));
        String residence = MUNICIPALITIES.get(random.nextInt(MUNICIPALITIES.size()));
        facts.add(new Fact(person, eventId(person, 0), day, Kind.GRANTED, residence));
        if (random.nextInt(100) < 50) {
            day = day.plusDays(1 + random.nextInt(60));
            String from = residence;
            residence = MUNICIPALITIES.stream().filter(m -> !m.equals(from)).toList()
                    .get(random.nextInt(MUNICIPALITIES.size() - 1));
            facts.add(new Fact(person, eventId(person, 1), day, Kind.MOVED, residence));
        }
        if (random.nextInt(100) < 35) {
            day = day.plusDays(1 + random.nextInt(60));
            facts.add(new Fact(person, eventId(person, 2), day, Kind.ENDED, residence));
        }
        return facts;
    }

    private static String eventId(String person, int n) {
        return UUID.nameUUIDFromBytes((person + "/" + n).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The protections granted to persons [from, to). */
    private List<Fact> grants(int from, int to) {
        List<Fact> facts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            facts.add(person(i).get(0));
        }
        return facts;
    }

    /** The later facts (moves, ends) of persons [from, to). */
    private List<Fact> followUps(int from, int to) {
        List<Fact> facts = new ArrayList<>();
        for (int i = from; i < to; i++) {
            List<Fact> all = person(i);
            facts.addAll(all.subList(1, all.size()));
        }
        return facts;
    }

    /** Facts in a fixed random order: a batch of grants, moves and ends of several persons. */
    @SafeVarargs
    private static List<Fact> shuffled(long seed, List<Fact>... parts) {
        List<Fact> all = new ArrayList<>();
        for (List<Fact> part : parts) {
            all.addAll(part);
        }
        Collections.shuffle(all, new Random(seed));
        return all;
    }

    private static <T> List<List<T>> chunks(List<T> all, int count) {
        List<List<T>> chunks = new ArrayList<>();
        int size = (all.size() + count - 1) / count;
        for (int i = 0; i < all.size(); i += size) {
            chunks.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return chunks;
    }

    private void write(KafkaProducer<String, GenericRecord> producer, List<Fact> facts) {
        facts.forEach(fact -> producer.send(fact.record()));
        producer.flush();
        written.addAll(facts);
    }

    /**
     * The expected cells of protected_persons and new_protections, by the definitions of
     * docs/domain.md, for every geo level, every week and month up to today; cells over nobody left out.
     */
    private Map<String, String> expected() {
        Map<String, List<Fact>> timelines = written.stream().collect(Collectors.groupingBy(Fact::person));
        timelines.values().forEach(t -> t.sort(Comparator.comparing(Fact::date)));
        LocalDate now = LocalDate.now(ZoneOffset.UTC);
        LocalDate earliest = written.stream().map(Fact::date).min(Comparator.naturalOrder()).orElseThrow();
        Map<String, Long> counts = new HashMap<>();
        for (Granularity granularity : Granularity.values()) {
            for (LocalDate last = granularity.lastDay(earliest); !last.isAfter(granularity.lastDay(now));
                 last = granularity.nextLastDay(last)) {
                for (List<Fact> timeline : timelines.values()) {
                    boolean isProtected = false;
                    String residence = null;
                    for (Fact fact : timeline) {
                        if (fact.date().isAfter(last)) {
                            break;
                        }
                        switch (fact.kind()) {
                            case GRANTED -> {
                                isProtected = true;
                                residence = fact.municipality();
                            }
                            case MOVED -> residence = fact.municipality();
                            case ENDED -> isProtected = false;
                        }
                    }
                    if (isProtected) {
                        count(counts, "protected_persons", granularity, residence, granularity.label(last));
                    }
                }
            }
            for (List<Fact> timeline : timelines.values()) {
                timeline.stream().filter(f -> f.kind() == Kind.GRANTED).findFirst().ifPresent(granted ->
                        count(counts, "new_protections", granularity, granted.municipality(),
                                granularity.label(granted.date())));
            }
        }
        Map<String, String> cells = new TreeMap<>();
        counts.forEach((key, count) -> cells.put(key, cell(count, count.doubleValue())));
        return cells;
    }

    /** +1 in the cell of a municipality and of each level above it (Brussels' province is its region). */
    private static void count(Map<String, Long> counts, String indicator, Granularity granularity, String municipality,
                              String period) {
        Set<String> geos = new LinkedHashSet<>(List.of(municipality, GEO.get(municipality).get(0),
                GEO.get(municipality).get(1), COUNTRY));
        for (String geo : geos) {
            counts.merge(indicator + "/" + granularity.name().toLowerCase(Locale.ROOT) + "/" + geo + "/" + period,
                    1L, Long::sum);
        }
    }

    private static String cell(long count, Double value) {
        return "count=" + count + " value=" + value;
    }

    /**
     * Waits until the engine has committed every input record and every series step, then until
     * the indicators topic holds exactly the expected cells, and checks that they stay so.
     */
    private void awaitExact(Cluster cluster, IndicatorsTopicReader indicators, String when) throws Exception {
        Awaitility.await("caught up: " + when).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> cluster.progress(1).caughtUp());
        log("caught up: " + when);
        Awaitility.await("exact indicators: " + when).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(CellDifferences.between(expected(), indicators.read())).isEmpty());
        Thread.sleep(SETTLE.toMillis());
        assertThat(cluster.progress(1).caughtUp()).as("still caught up").isTrue();
        Map<String, String> cells = indicators.read();
        assertThat(CellDifferences.between(expected(), cells)).as("the indicators stay exact: " + when).isEmpty();
        log("exact: " + when + " (" + written.size() + " events, " + cells.size() + " cells compared)");
    }

    private static Set<TopicPartition> eventPartitions(Set<TopicPartition> partitions) {
        Set<String> events = EventType.INDICATOR_INPUTS.stream().map(EventType::topic).collect(Collectors.toSet());
        return partitions.stream().filter(p -> events.contains(p.topic())).collect(Collectors.toSet());
    }

    /** The partitions each instance (by its client id) owns now. */
    private static Map<String, Set<TopicPartition>> assignment(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(APPLICATION)).all().get()
                .get(APPLICATION);
        Map<String, Set<TopicPartition>> owned = new TreeMap<>();
        for (MemberDescription member : group.members()) {
            String instance = member.clientId().replaceFirst("-StreamThread-.*", "");
            owned.computeIfAbsent(instance, k -> new HashSet<>()).addAll(member.assignment().topicPartitions());
        }
        return owned;
    }

    private static String describe(Map<String, Set<TopicPartition>> owned) {
        return owned.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().stream()
                        .map(p -> p.topic().replace(APPLICATION + "-", "") + "-" + p.partition()).sorted().toList())
                .collect(Collectors.joining("; "));
    }

    /** An instance's tasks of generation 1, e.g. {@code 0_1}, as its readiness check gives them. */
    private record Tasks(Set<String> active, Set<String> standby) {

        static Tasks of(Service service) throws IOException, InterruptedException {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(service.managementUrl() + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode data = JSON.readTree(response.body()).get("checks").get(0).get("data");
            return new Tasks(split(data.path("generation-1-active").asText()),
                    split(data.path("generation-1-standby").asText()));
        }

        private static Set<String> split(String tasks) {
            return tasks.isBlank() ? Set.of() : new TreeSet<>(List.of(tasks.split(" ")));
        }
    }

    private static KafkaProducer<String, GenericRecord> producer(LocalPlatform platform) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5),
                Serdes.String().serializer(), new Topics(platform.registry()).eventSerde().serializer());
    }

    private void log(String message) {
        System.out.printf("[two-engines] %5.1f s  %s%n", (System.nanoTime() - started) / 1e9, message);
    }
}
