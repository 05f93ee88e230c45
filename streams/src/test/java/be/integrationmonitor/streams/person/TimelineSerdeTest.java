package be.integrationmonitor.streams.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.integrationmonitor.events.SupportDecision;
import be.integrationmonitor.events.SupportType;
import be.integrationmonitor.indicators.person.EventKind;
import be.integrationmonitor.indicators.person.PersonTimeline;
import be.integrationmonitor.indicators.person.TimelineEvent;
import io.quarkus.kafka.client.serialization.ObjectMapperSerde;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TimelineSerdeTest {

    private final TimelineSerde serde = new TimelineSerde();

    /** Every field of every kind of event survives, and so do timelines written as JSON by earlier versions. */
    @Property(tries = 300)
    void aTimelineReadsBackEqualFromBothFormats(@ForAll long seed, @ForAll @IntRange(max = 20) int events) {
        PersonTimeline timeline = random(new Random(seed), events);

        byte[] binary = serde.serializer().serialize("t", timeline);
        assertThat(serde.deserializer().deserialize("t", binary)).isEqualTo(timeline);

        try (ObjectMapperSerde<PersonTimeline> json = new ObjectMapperSerde<>(PersonTimeline.class)) {
            byte[] written = json.serializer().serialize("t", timeline);
            assertThat(serde.deserializer().deserialize("t", written)).isEqualTo(timeline);
            assertThat(binary.length).isLessThanOrEqualTo(written.length);
        }
    }

    @Test
    void anErasedPersonAndAnUnknownFormat() {
        PersonTimeline erased = new PersonTimeline(List.of(), true);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", erased))).isEqualTo(erased);
        assertThat(serde.serializer().serialize("t", null)).isNull();

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {7, 0}))
                .hasMessageContaining("not a person timeline of a known version");
    }

    private static PersonTimeline random(Random random, int events) {
        List<TimelineEvent> all = new ArrayList<>();
        EventKind[] kinds = {EventKind.PROTECTION, EventKind.RESIDENCE, EventKind.INCOME_SUPPORT, EventKind.HOUSING_AID};
        for (int i = 0; i < events; i++) {
            EventKind kind = kinds[random.nextInt(kinds.length)];
            boolean support = kind == EventKind.INCOME_SUPPORT;
            all.add(new TimelineEvent(kind, "event-" + random.nextLong(), 18_993 + random.nextInt(2_000),
                    random.nextLong(), random.nextInt(10) == 0 ? null : String.valueOf(10_000 + random.nextInt(90_000)),
                    random.nextBoolean(), random.nextInt(3) == 0 ? 0 : 1920 + random.nextInt(105), random.nextBoolean(),
                    support ? SupportType.values()[random.nextInt(SupportType.values().length)] : null,
                    support ? SupportDecision.values()[random.nextInt(SupportDecision.values().length)] : null,
                    random.nextInt(3) == 0 ? 0 : random.nextLong() >>> random.nextInt(64), random.nextBoolean()));
        }
        return new PersonTimeline(List.copyOf(all), random.nextInt(20) == 0);
    }
}
