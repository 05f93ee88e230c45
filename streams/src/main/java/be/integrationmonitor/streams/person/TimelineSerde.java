package be.integrationmonitor.streams.person;

import be.integrationmonitor.events.SupportDecision;
import be.integrationmonitor.events.SupportType;
import be.integrationmonitor.indicators.person.EventKind;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.TimelineEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The person-timelines store's values in a compact binary form: a version byte ({@value #V1}), then
 * Avro's binary encoding (varints, zig-zag longs, length-prefixed strings) of: erased, the number
 * of events, and per event its kind, eventId, effectiveDay, recordedAt, municipality (or none), a
 * byte of flags (granted, unaccompaniedMinor, integrationProject), birthYear, supportType and
 * decision (their names, or none) and amountCents. A quarter of the bytes of JSON and a fifth of
 * the time to write and read (BENCHMARKS.md, "What changed the figures"), for every event and
 * every changelog record. Values written as JSON by earlier versions (they start with '{') are
 * still read.
 */
public final class TimelineSerde implements Serde<PersonTimeline> {

    static final byte V1 = 1;
    private static final int GRANTED = 1;
    private static final int UNACCOMPANIED_MINOR = 2;
    private static final int INTEGRATION_PROJECT = 4;
    private static final EventKind[] KINDS = EventKind.values();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Serializer<PersonTimeline> serializer() {
        return (topic, timeline) -> timeline == null ? null : write(timeline);
    }

    @Override
    public Deserializer<PersonTimeline> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }

    static byte[] write(PersonTimeline timeline) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 48 * timeline.events().size());
        bytes.write(V1);
        BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(bytes, null);
        try {
            out.writeBoolean(timeline.erased());
            out.writeInt(timeline.events().size());
            for (TimelineEvent event : timeline.events()) {
                out.writeInt(event.kind().ordinal());
                out.writeString(event.eventId());
                out.writeLong(event.effectiveDay());
                out.writeLong(event.recordedAt());
                writeOptional(out, event.municipality());
                out.writeInt((event.granted() ? GRANTED : 0) | (event.unaccompaniedMinor() ? UNACCOMPANIED_MINOR : 0)
                        | (event.integrationProject() ? INTEGRATION_PROJECT : 0));
                out.writeInt(event.birthYear());
                writeOptional(out, event.supportType() == null ? null : event.supportType().name());
                writeOptional(out, event.decision() == null ? null : event.decision().name());
                out.writeLong(event.amountCents());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static PersonTimeline read(byte[] bytes) {
        try {
            if (bytes.length > 0 && bytes[0] == '{') {
                return JSON.readValue(bytes, PersonTimeline.class);
            }
            if (bytes.length == 0 || bytes[0] != V1) {
                throw new IllegalArgumentException("not a person timeline of a known version");
            }
            BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, 1, bytes.length - 1, null);
            boolean erased = in.readBoolean();
            int count = in.readInt();
            List<TimelineEvent> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                EventKind kind = KINDS[in.readInt()];
                String eventId = in.readString();
                long effectiveDay = in.readLong();
                long recordedAt = in.readLong();
                String municipality = readOptional(in);
                int flags = in.readInt();
                int birthYear = in.readInt();
                String supportType = readOptional(in);
                String decision = readOptional(in);
                events.add(new TimelineEvent(kind, eventId, effectiveDay, recordedAt, municipality,
                        (flags & GRANTED) != 0, birthYear, (flags & UNACCOMPANIED_MINOR) != 0,
                        supportType == null ? null : SupportType.valueOf(supportType),
                        decision == null ? null : SupportDecision.valueOf(decision), in.readLong(),
                        (flags & INTEGRATION_PROJECT) != 0));
            }
            return new PersonTimeline(List.copyOf(events), erased);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A string or none: a boolean, then the string if there is one. */
    private static void writeOptional(BinaryEncoder out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeString(value);
        }
    }

    private static String readOptional(BinaryDecoder in) throws IOException {
        return in.readBoolean() ? in.readString() : null;
    }
}
