package be.integrationmonitor.deploy.ops;

import static be.integrationmonitor.deploy.ops.OperatorCli.cli;
import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.deploy.CellDifferences;
import be.integrationmonitor.deploy.IndicatorsTopicReader;
import be.integrationmonitor.deploy.LocalStack;
import be.integrationmonitor.deploy.PushClient;
import be.integrationmonitor.deploy.SyntheticFeed;
import be.integrationmonitor.deploy.ops.OperatorCli.Run;
import be.integrationmonitor.events.EventType;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.pseudonym.NationalNumber;
import be.integrationmonitor.pseudonym.PseudonymKey;
import be.integrationmonitor.streams.reference.Expected;
import be.integrationmonitor.streams.reference.ReferenceIndicators;
import be.integrationmonitor.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The physical removal of an erased person on the whole stack (real broker, registry, engine, sink
 * API, producers): a synthetic feed, one person erased and the indicators recomputed, then a purge
 * while a partner keeps pushing. Afterwards no topic of the cluster holds a record of the person
 * (but the request itself and the engine's marker that the person is erased), the old event topics
 * are gone, every push was accepted and counted, and every indicator is the batch reference's
 * without the person.
 */
class PurgeTest {

    /** Herstappe, the smallest municipality: the synthetic feed of this seed never lives there (checked). */
    private static final String HERSTAPPE = "73109";
    private static final int PERSONS = 150;
    private static final int ERASED = 7;

    private static LocalStack stack;

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aPurgeLeavesNoRecordOfAnErasedPersonAndTheSameIndicatorsWithoutDowntime() throws Exception {
        Path data = Files.createTempDirectory("im-purge-");
        stack = LocalStack.start(LocalStack.Options.ephemeral(data), message -> System.out.println("[purge] " + message));
        String bootstrap = stack.platform().bootstrapServers();
        SyntheticFeed feed = new SyntheticFeed(5, LocalDate.of(2022, 3, 1), LocalDate.of(2024, 6, 30));
        assertThat(feed.persons(0, PERSONS)).noneMatch(e -> HERSTAPPE.equals(e.event().get("municipality")));
        assertThat(cli("feed", "--persons", String.valueOf(PERSONS), "--seed", "5", "--from", "2022-03-01",
                "--to", "2024-06-30", "--push-url", stack.pushUrl()).exit()).isZero();
        String person = pseudonym(data, (String) feed.person(ERASED).get(0).event().get("nationalNumber"));
        awaitQuiet(bootstrap, 1);
        Map<String, String> withPerson = IndicatorsTopicReader.readAll(stack.platform(), Generations.outputTopic(1));
        assertThat(keysOrValuesHolding(person, Set.of())).as("the person's events are there").isNotEmpty();

        Run erase = cli("erase", "--bootstrap-servers", bootstrap, "--person-ref", person);
        assertThat(erase.exit()).as(erase.out()).isZero();
        assertThat(erase.out()).contains("requested", Topics.ERASURES + "-").contains("recomputed  20")
                .contains("pending until the next purge");
        awaitQuiet(bootstrap, 1);
        Map<String, String> withoutPerson = IndicatorsTopicReader.readAll(stack.platform(), Generations.outputTopic(1));
        assertThat(CellDifferences.between(withPerson, withoutPerson)).as("the person counted before").isNotEmpty();
        List<SpecificRecord> events = new ArrayList<>(indicatorInputs(0));
        assertThat(cli("erase", "--receipt", "--bootstrap-servers", bootstrap, "--person-ref", person).out())
                .contains("recomputed  yes").contains("pending until the next purge");

        // A partner pushes new persons in Herstappe, one at a time, all along the purge.
        AtomicBoolean pushing = new AtomicBoolean(true);
        List<String> refused = new CopyOnWriteArrayList<>();
        List<String> accepted = new CopyOnWriteArrayList<>();
        Thread partner = new Thread(() -> {
            PushClient immigrationOffice = new PushClient(stack.pushUrl(), SyntheticFeed.IMMIGRATION_OFFICE_TOKEN);
            Random random = new Random(11);
            while (pushing.get()) {
                String number = SyntheticFeed.nationalNumber(1960 + random.nextInt(40), random);
                int status = immigrationOffice.push(List.of(protection(number))).status();
                (status == 202 ? accepted : refused).add(number);
                sleep(100);
            }
        });
        partner.start();
        Run purge;
        try {
            purge = cli("purge", "--bootstrap-servers", bootstrap, "--sink-management-url",
                    stack.apiManagementUrl(), "--push-management-url", stack.pushManagementUrl(), "--settle", "PT5S");
            sleep(1_000);
        } finally {
            pushing.set(false);
            partner.join();
        }
        assertThat(purge.exit()).as(purge.out()).isZero();
        assertThat(purge.out()).contains("every producer writes input version 1")
                .contains("every sink API serves indicators.2").contains("generation 1 retired")
                .contains("purge completed");
        assertThat(refused).isEmpty();
        assertThat(accepted).hasSizeGreaterThan(10);

        // The old event topics are gone, the new ones read and written.
        Set<String> topics = stack.platform().admin().listTopics().names().get();
        for (EventType<?> type : EventType.ALL) {
            assertThat(topics).doesNotContain(type.topic()).contains(type.topic(1));
        }
        try (Cluster cluster = new Cluster(Map.of("bootstrap.servers", bootstrap))) {
            assertThat(cluster.generations().format()).isEqualTo("serving=2 running=2 inputs.2=1 writing=1");
        }

        // Every push counted; every cell the batch reference's over every event ever accepted, without the person.
        awaitQuiet(bootstrap, 2);
        events.addAll(indicatorInputs(1));
        Map<String, String> reference = new TreeMap<>();
        ReferenceIndicators.compute(events, Set.of(person), LocalDate.now(ZoneOffset.UTC))
                .forEach((key, cell) -> reference.put(key, cell.toString()));
        Map<String, String> purged;
        try (IndicatorsTopicReader reader = new IndicatorsTopicReader(stack.platform(), Generations.outputTopic(2),
                key -> true, PurgeTest::cell)) {
            purged = reader.read();
        }
        assertThat(CellDifferences.between(reference, purged)).isEmpty();
        assertThat(purged.get("protected_persons/month/" + HERSTAPPE + "/2024-06"))
                .isEqualTo(new Expected((double) Set.copyOf(accepted).size(), Set.copyOf(accepted).size(), null).toString());

        // No record of the person on any topic, internal ones included.
        String timelines = Generations.applicationId(2) + "-person-timelines-changelog";
        Map<String, List<byte[]>> left = keysOrValuesHolding(person, Set.of(Topics.ERASURES, timelines));
        assertThat(left).as("only the request and the engine's erased marker").containsOnlyKeys(Topics.ERASURES, timelines);
        assertThat(left.get(Topics.ERASURES)).hasSize(1);
        assertThat(left.get(timelines)).as("the marker holds no event").allSatisfy(value ->
                assertThat(value == null ? 0 : value.length).isLessThan(16));

        Run receipt = cli("erase", "--receipt", "--bootstrap-servers", bootstrap, "--person-ref", person);
        assertThat(receipt.out()).contains("recomputed  yes").containsPattern("removed +20\\S+, by the purge to input version 1");
    }

    /**
     * Every record of every topic of the cluster whose key is the pseudonym or whose value holds
     * it, by topic; of the allowed topics the values of such records.
     */
    private static Map<String, List<byte[]>> keysOrValuesHolding(String person, Set<String> allowed) throws Exception {
        byte[] needle = person.getBytes(StandardCharsets.UTF_8);
        Map<String, List<byte[]>> found = new TreeMap<>();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.platform().bootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Set<String> names = stack.platform().admin().listTopics(
                    new ListTopicsOptions().listInternal(true)).names().get();
            for (String topic : names) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        if (contains(record.key(), needle) || contains(record.value(), needle)) {
                            found.computeIfAbsent(topic, t -> new ArrayList<>())
                                    .add(allowed.contains(topic) ? record.value() : new byte[0]);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Every event of the topics the engine reads, in an input version. */
    private static List<SpecificRecord> indicatorInputs(int version) {
        Topics topics = new Topics(stack.platform().registry());
        List<SpecificRecord> events = new ArrayList<>();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.platform().bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            for (EventType<?> type : EventType.INDICATOR_INPUTS) {
                Deserializer<? extends SpecificRecord> values = topics.event(type).valueSerde().deserializer();
                List<TopicPartition> partitions = consumer.partitionsFor(type.topic(version)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> events.add(values.deserialize(r.topic(), r.value())));
                }
            }
        }
        return events;
    }

    /** A cell of the indicators topic as the reference gives it. */
    private static String cell(GenericRecord value) {
        return new Expected((Double) value.get("value"), ((Number) value.get("count")).longValue(),
                (Long) value.get("numerator")).toString();
    }

    private static String pseudonym(Path data, String nationalNumber) throws Exception {
        return PseudonymKey.fromBase64(Files.readString(data.resolve("secrets/pseudonymisation.key")), "the test's key")
                .personRef(NationalNumber.normalise(nationalNumber).orElseThrow());
    }

    /** A new person granted protection in Herstappe in June 2024. */
    private static Map<String, Object> protection(String nationalNumber) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "ProtectionStatusChanged");
        event.put("eventId", UUID.randomUUID().toString());
        event.put("nationalNumber", nationalNumber);
        event.put("effectiveDate", "2024-06-03");
        event.put("municipality", HERSTAPPE);
        event.put("status", "GRANTED");
        event.put("birthYear", 1980);
        event.put("sex", "F");
        event.put("unaccompaniedMinor", false);
        return event;
    }

    /** Waits until a generation has processed every event and emitted every cell. */
    private static void awaitQuiet(String bootstrap, int generation) throws Exception {
        try (Cluster cluster = new Cluster(Map.of("bootstrap.servers", bootstrap))) {
            cluster.awaitCaughtUp(generation, Duration.ofSeconds(5), Instant.now().plusSeconds(120), progress -> { });
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
