package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;

/**
 * A record of the dead-letter topic as Kafka Streams' exception handlers write it: the failed
 * record's raw key and value bytes, its headers, and headers saying where it came from and why.
 * Only {@link #redrive} and {@link #key} touch the key and value; nothing here prints them.
 */
final class DeadLetter {

    /** Marks a re-driven record with the dead letter it came from, e.g. {@code dead-letter-0@17}. */
    static final String REDRIVEN_FROM = "im.redriven-from";

    /** The only topics a dead letter goes back to: what partners and operators write, and the engine reads. */
    static final Set<String> REDRIVE_TOPICS = Stream.concat(EventType.ALL.stream().map(EventType::topic),
            Stream.of(Topics.ERASURES)).collect(Collectors.toUnmodifiableSet());

    /** The headers Kafka Streams adds to a dead letter (kafka-streams 4.x, ExceptionHandlerUtils). */
    private static final Set<String> ERROR_HEADERS = Set.of(ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME,
            ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME, ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME,
            ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME,
            ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME);

    /** Header text is printed on one line and cut to this length: a header may hold anything. */
    private static final int PRINTED_LENGTH = 300;

    private final ConsumerRecord<byte[], byte[]> record;
    private final String sourceTopic;
    private final String source;
    private final String reason;

    DeadLetter(ConsumerRecord<byte[], byte[]> record) {
        this.record = record;
        this.sourceTopic = header(ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME);
        this.source = sourceTopic == null ? "(no source headers)" : printable(sourceTopic + "-"
                + header(ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME) + "@"
                + header(ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME));
        String exception = header(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME);
        String message = header(ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME);
        this.reason = printable((exception == null ? "(no exception header)" : exception)
                + (message == null ? "" : ": " + message));
    }

    /** Where the dead letter is in the dead-letter topic: {@code <partition>@<offset>}. */
    Position position() {
        return new Position(record.partition(), record.offset());
    }

    /** The timestamp of the record that failed; Kafka Streams gives the dead letter that one. */
    Instant time() {
        return Instant.ofEpochMilli(record.timestamp());
    }

    /** The failed record's topic, as Kafka Streams recorded it; empty for a record it did not write. */
    Optional<String> sourceTopic() {
        return Optional.ofNullable(sourceTopic);
    }

    /** The failed record: {@code <topic>-<partition>@<offset>}. */
    String source() {
        return source;
    }

    /** Exception class and the engine's message (never personal data); one line, bounded. */
    String reason() {
        return reason;
    }

    /** Why this dead letter must not go back to its source topic; empty if it may. */
    Optional<String> refusal() {
        if (sourceTopic == null) {
            return Optional.of("it has no " + ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME
                    + " header, so it was not written by the engine's exception handlers");
        }
        if (!REDRIVE_TOPICS.contains(Topics.unversioned(sourceTopic))) {
            return Optional.of("its source " + printable(sourceTopic) + " is not an event topic or " + Topics.ERASURES
                    + " but an internal topic of the engine (repartition or changelog): it holds the engine's own "
                    + "intermediate form of an event, which a replay recomputes from the event topics once the "
                    + "cause is fixed");
        }
        return Optional.empty();
    }

    /** The failed record's key: the personRef of an event or erasure request. */
    byte[] key() {
        return record.key();
    }

    /**
     * Where the failed record goes back to: its source, or for an event the same type's topic in
     * the input version the producers write now (a purge may have deleted the source).
     */
    String target(int writing) {
        return Topics.ERASURES.equals(sourceTopic) ? sourceTopic
                : Topics.versioned(Topics.unversioned(sourceTopic), writing);
    }

    /**
     * The failed record again, for its source topic ({@link #target}): the original key and value bytes and headers,
     * without Kafka Streams' error headers, marked with {@link #REDRIVEN_FROM}. No timestamp: the
     * producer gives it the time of the re-drive, as the engine paces its output by how late records are.
     */
    ProducerRecord<byte[], byte[]> redrive(int writing) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!ERROR_HEADERS.contains(header.key()) && !REDRIVEN_FROM.equals(header.key())) {
                headers.add(header);
            }
        }
        headers.add(REDRIVEN_FROM, (Topics.DEAD_LETTER + "-" + position()).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(target(writing), null, null, record.key(), record.value(), headers);
    }

    /** Kafka Streams adds its error headers after the record's own: the last one of a name is its. */
    private String header(String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String printable(String text) {
        String line = text.replaceAll("\\p{Cntrl}", " ");
        return line.length() <= PRINTED_LENGTH ? line : line.substring(0, PRINTED_LENGTH) + "…";
    }

    /** A dead letter's place in the dead-letter topic, written {@code <partition>@<offset>}. */
    record Position(int partition, long offset) {

        private static final Pattern TEXT = Pattern.compile("(\\d{1,9})@(\\d{1,18})");

        static Position parse(String text) {
            Matcher matcher = TEXT.matcher(text);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("not a dead-letter position <partition>@<offset>, as `list` "
                        + "shows it: " + printable(text));
            }
            return new Position(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)));
        }

        @Override
        public String toString() {
            return partition + "@" + offset;
        }
    }
}
