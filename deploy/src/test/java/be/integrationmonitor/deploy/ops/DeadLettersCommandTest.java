package be.integrationmonitor.deploy.ops;

import static be.integrationmonitor.deploy.ops.OperatorCli.cli;
import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.deploy.ops.OperatorCli.Run;
import be.integrationmonitor.events.EventType;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.internals.DefaultErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code dead-letters list|redrive} on a real broker, with dead letters built by the engine's own
 * Kafka Streams exception handlers (same headers, raw source bytes) and written in transactions, as
 * the engine does: one of them aborted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLettersCommandTest {

    private static final String UNREADABLE = SerializationException.class.getName() + ": Unknown magic byte!";
    private static final String UNKNOWN_MUNICIPALITY = InvalidEventException.class.getName()
            + ": municipality is not a REFNIS 2025 municipality";
    private static final String STORE_CLOSED = IllegalStateException.class.getName() + ": store is closed";
    private static final String REPARTITION = "integration-monitor-indicators-1-series-steps-repartition";

    private static LocalPlatform platform;
    private static String bootstrap;
    private static final List<Written> unreadable = new ArrayList<>();
    private static final List<Written> unknownMunicipality = new ArrayList<>();
    private static Written repartitioned;
    private static Written erasure;
    private static Written aborted;

    /** A dead letter as written: its position in the dead-letter topic, and the failed record. */
    private record Written(String position, String source, String key, String value) {
    }

    /** As the engine's InvalidEventException: a class name and a message without personal data. */
    static final class InvalidEventException extends RuntimeException {
        InvalidEventException(String message) {
            super(message);
        }
    }

    @BeforeAll
    static void writeDeadLetters() throws Exception {
        platform = LocalPlatform.start(LocalPlatform.Settings.ephemeral());
        bootstrap = platform.bootstrapServers();
        String events = EventType.PROTECTION_STATUS_CHANGED.topic();
        try (KafkaProducer<byte[], byte[]> engine = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.TRANSACTIONAL_ID_CONFIG, "engine-test"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            engine.initTransactions();
            engine.beginTransaction();
            for (int i = 0; i < 3; i++) {
                unreadable.add(unreadable(engine, events, i, 10 + i, "2025-01-10T08:00:00Z"));
            }
            for (int i = 0; i < 2; i++) {
                unknownMunicipality.add(refused(engine, EventType.RESIDENCE_CHANGED.topic(), 1, 40 + i,
                        new InvalidEventException("municipality is not a REFNIS 2025 municipality"), "2025-02-10T08:00:00Z"));
            }
            repartitioned = refused(engine, REPARTITION, 2, 7,
                    new InvalidEventException("municipality is not a REFNIS 2025 municipality"), "2025-02-11T08:00:00Z");
            erasure = refused(engine, Topics.ERASURES, 0, 3, new IllegalStateException("store is closed"), "2025-03-01T08:00:00Z");
            engine.commitTransaction();

            engine.beginTransaction();
            aborted = unreadable(engine, events, 0, 99, "2025-03-02T08:00:00Z");
            engine.abortTransaction();
        }
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void listShowsWhereEachDeadLetterComesFromAndWhyButNeverItsContent() {
        Run list = cli("dead-letters", "list", "--bootstrap-servers", bootstrap);

        assertThat(list.exit()).as(list.out()).isZero();
        List<String> lines = list.out().lines().toList();
        for (Written letter : all()) {
            assertThat(lines).as(letter.position()).anyMatch(line -> line.startsWith(letter.position() + " ")
                    && line.contains(letter.source()));
        }
        assertThat(lines).anyMatch(line -> line.startsWith(unreadable.get(0).position() + " ")
                && line.contains("2025-01-10T08:00:00Z") && line.endsWith(UNREADABLE));
        assertThat(lines).anyMatch(line -> line.startsWith(erasure.position() + " ") && line.endsWith(STORE_CLOSED));
        assertThat(list.out()).doesNotContain(aborted.position() + " ").doesNotContain(aborted.source())
                .contains("7 of the 7 dead letters in dead-letter match; by reason:")
                .contains("3  " + UNREADABLE).contains("3  " + UNKNOWN_MUNICIPALITY).contains("1  " + STORE_CLOSED);
        for (Written letter : all()) {
            assertThat(list.out()).doesNotContain(letter.key()).doesNotContain(letter.value());
        }
        assertThat(list.out()).as("no stack trace").doesNotContain("\tat ").doesNotContain(getClass().getName() + ".");
    }

    @Test
    @Order(2)
    void listSelectsByReasonSourceTopicAndTimeAndStopsAtTheLimit() {
        assertThat(cli("dead-letters", "list", "--bootstrap-servers", bootstrap, "--reason", "REFNIS").out())
                .contains("3 of the 7").doesNotContain(unreadable.get(0).source());
        assertThat(cli("dead-letters", "list", "--bootstrap-servers", bootstrap, "--source-topic", Topics.ERASURES).out())
                .contains("1 of the 7").contains(erasure.source());
        assertThat(cli("dead-letters", "list", "--bootstrap-servers", bootstrap, "--since", "2025-02-01T00:00:00Z").out())
                .contains("4 of the 7").doesNotContain(UNREADABLE);
        Run limited = cli("dead-letters", "list", "--bootstrap-servers", bootstrap, "--limit", "2");
        assertThat(limited.out()).contains("… 5 more not listed").contains("7 of the 7");
        assertThat(limited.out().lines().filter(line -> line.matches("\\d+@\\d+ .*"))).hasSize(2);
    }

    @Test
    @Order(3)
    void aDryRunWritesNothing() {
        Run dryRun = cli("dead-letters", "redrive", "--bootstrap-servers", bootstrap, "--all-of-reason", "Unknown magic byte",
                "--dry-run");

        assertThat(dryRun.exit()).as(dryRun.out()).isZero();
        assertThat(dryRun.out()).contains("would re-drive 3 dead letters (0 refused); nothing written");
        assertThat(records(EventType.PROTECTION_STATUS_CHANGED.topic())).isEmpty();
    }

    @Test
    @Order(4)
    void redriveOfOneReasonPutsExactlyThoseRecordsBackOnTheirSourceTopic() {
        Run redrive = cli("dead-letters", "redrive", "--bootstrap-servers", bootstrap, "--all-of-reason",
                SerializationException.class.getName());

        assertThat(redrive.exit()).as(redrive.out()).isZero();
        assertThat(redrive.out()).contains("re-drove 3 dead letters to their source topics (0 refused, 0 failed)")
                .contains("re-driving them again is harmless");
        List<ConsumerRecord<byte[], byte[]>> back = records(EventType.PROTECTION_STATUS_CHANGED.topic());
        assertThat(back).map(DeadLettersCommandTest::keyAndValue)
                .containsExactlyInAnyOrderElementsOf(unreadable.stream().map(w -> w.key() + "=" + w.value()).toList());
        assertThat(back).map(record -> header(record, DeadLetter.REDRIVEN_FROM))
                .containsExactlyInAnyOrderElementsOf(unreadable.stream().map(w -> "dead-letter-" + w.position()).toList());
        assertThat(back).allSatisfy(record -> {
            assertThat(header(record, "traceparent")).as("the record's own header").startsWith("00-");
            assertThat(record.headers()).noneMatch(header -> header.key().startsWith("__streams.errors."));
        });
        for (String other : List.of(EventType.RESIDENCE_CHANGED.topic(), Topics.ERASURES)) {
            assertThat(records(other)).as(other).isEmpty();
        }
    }

    @Test
    @Order(5)
    void aDeadLetterOfAnInternalTopicIsRefusedAndTheOthersOfItsReasonReDriven() throws Exception {
        Run redrive = cli("dead-letters", "redrive", "--bootstrap-servers", bootstrap, "--all-of-reason", "REFNIS");

        assertThat(redrive.exit()).as("a refusal fails the command").isEqualTo(1);
        assertThat(redrive.out()).contains("refused " + repartitioned.position() + ": its source " + REPARTITION
                + " is not an event topic or erasures but an internal topic of the engine")
                .contains("re-drove 2 dead letters to their source topics (1 refused, 0 failed)");
        assertThat(records(EventType.RESIDENCE_CHANGED.topic())).map(DeadLettersCommandTest::keyAndValue)
                .containsExactlyInAnyOrderElementsOf(unknownMunicipality.stream().map(w -> w.key() + "=" + w.value()).toList());
        try (var admin = platform.admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain(REPARTITION);
        }
    }

    @Test
    @Order(6)
    void redriveByPositionSaysWhichPositionsHoldNoDeadLetter() {
        Run redrive = cli("dead-letters", "redrive", "--bootstrap-servers", bootstrap, "--record", erasure.position(),
                "--record", "0@999999");

        assertThat(redrive.exit()).isEqualTo(1);
        assertThat(redrive.out()).contains("no dead letter at 0@999999").contains("re-drove 1 dead letters");
        assertThat(records(Topics.ERASURES)).map(DeadLettersCommandTest::keyAndValue)
                .containsExactly(erasure.key() + "=" + erasure.value());
        assertThat(cli("dead-letters", "redrive", "--bootstrap-servers", bootstrap, "--record", "zero@1").exit())
                .as("a usage error").isEqualTo(2);
    }

    private static List<Written> all() {
        List<Written> all = new ArrayList<>(unreadable);
        all.addAll(unknownMunicipality);
        all.add(repartitioned);
        all.add(erasure);
        return all;
    }

    /** An event the engine could not deserialise, through its deserialization exception handler. */
    private static Written unreadable(KafkaProducer<byte[], byte[]> engine, String topic, int partition, long offset,
                                      String time) throws Exception {
        ErrorHandlerContext context = context(topic, partition, offset, "person-u" + offset, "unreadable-" + offset, time);
        LogAndContinueExceptionHandler handler = new LogAndContinueExceptionHandler();
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTER));
        ConsumerRecord<byte[], byte[]> failed = new ConsumerRecord<>(topic, partition, offset, context.sourceRawKey(),
                context.sourceRawValue());
        return send(engine, context, handler.handleError(context, failed, new SerializationException("Unknown magic byte!"))
                .deadLetterQueueRecords());
    }

    /** A record the engine refused while processing it, through its processing exception handler. */
    private static Written refused(KafkaProducer<byte[], byte[]> engine, String topic, int partition, long offset,
                                   RuntimeException why, String time) throws Exception {
        ErrorHandlerContext context = context(topic, partition, offset, "person-r" + offset, "refused-" + offset, time);
        LogAndContinueProcessingExceptionHandler handler = new LogAndContinueProcessingExceptionHandler();
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTER));
        Record<Object, Object> record = new Record<>("key", "value", context.timestamp());
        return send(engine, context, handler.handleError(context, record, why).deadLetterQueueRecords());
    }

    private static ErrorHandlerContext context(String topic, int partition, long offset, String key, String value,
                                               String time) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", ("00-" + offset).getBytes(StandardCharsets.UTF_8));
        return new DefaultErrorHandlerContext(null, topic, partition, offset, headers, "source", new TaskId(0, partition),
                Instant.parse(time).toEpochMilli(), key.getBytes(StandardCharsets.UTF_8),
                // a payload no output may show
                ("PAYLOAD " + value).getBytes(StandardCharsets.UTF_8));
    }

    private static Written send(KafkaProducer<byte[], byte[]> engine, ErrorHandlerContext context,
                                List<ProducerRecord<byte[], byte[]>> deadLetters) throws Exception {
        assertThat(deadLetters).hasSize(1);
        RecordMetadata metadata = engine.send(deadLetters.get(0)).get();
        return new Written(metadata.partition() + "@" + metadata.offset(),
                context.topic() + "-" + context.partition() + "@" + context.offset(),
                new String(context.sourceRawKey(), StandardCharsets.UTF_8),
                new String(context.sourceRawValue(), StandardCharsets.UTF_8));
    }

    private static String keyAndValue(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8) + "=" + new String(record.value(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Every record of a topic now. */
    private static List<ConsumerRecord<byte[], byte[]>> records(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(Instant.now()).as("reading " + topic).isBefore(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
