package be.integrationmonitor.events;

import be.integrationmonitor.topics.Topics;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * An event type of the domain: its name in the partner API, its Avro class and the topic that
 * carries it (one topic per type, keyed by personRef so that a person's events share a partition).
 */
public final class EventType<V extends SpecificRecord> {

    public static final EventType<ProtectionStatusChanged> PROTECTION_STATUS_CHANGED = new EventType<>(
            "ProtectionStatusChanged", "protection-status-changed", ProtectionStatusChanged.class,
            ProtectionStatusChanged.getClassSchema());
    public static final EventType<ResidenceChanged> RESIDENCE_CHANGED = new EventType<>(
            "ResidenceChanged", "residence-changed", ResidenceChanged.class, ResidenceChanged.getClassSchema());
    public static final EventType<IncomeSupportDecided> INCOME_SUPPORT_DECIDED = new EventType<>(
            "IncomeSupportDecided", "income-support-decided", IncomeSupportDecided.class,
            IncomeSupportDecided.getClassSchema());
    public static final EventType<HousingAidGranted> HOUSING_AID_GRANTED = new EventType<>(
            "HousingAidGranted", "housing-aid-granted", HousingAidGranted.class, HousingAidGranted.getClassSchema());
    /** Optional partner kind {@code reception} (Fedasil). */
    public static final EventType<ReceptionPlacementChanged> RECEPTION_PLACEMENT_CHANGED = new EventType<>(
            "ReceptionPlacementChanged", "reception-placement-changed", ReceptionPlacementChanged.class,
            ReceptionPlacementChanged.getClassSchema());

    public static final List<EventType<?>> ALL = List.of(
            PROTECTION_STATUS_CHANGED, RESIDENCE_CHANGED, INCOME_SUPPORT_DECIDED, HOUSING_AID_GRANTED,
            RECEPTION_PLACEMENT_CHANGED);
    /** The event types the indicator catalogue reads. */
    public static final List<EventType<?>> INDICATOR_INPUTS = List.of(
            PROTECTION_STATUS_CHANGED, RESIDENCE_CHANGED, INCOME_SUPPORT_DECIDED, HOUSING_AID_GRANTED);

    private final String name;
    private final String topic;
    private final Class<V> avroClass;
    private final Schema schema;

    private EventType(String name, String topic, Class<V> avroClass, Schema schema) {
        this.name = name;
        this.topic = topic;
        this.avroClass = avroClass;
        this.schema = schema;
    }

    /** The type's name as partners write it, e.g. {@code IncomeSupportDecided}. */
    public String name() {
        return name;
    }

    /** The type's topic as first created (input version 0). */
    public String topic() {
        return topic;
    }

    /** The type's topic in an input version (see {@link Topics#versioned}). */
    public String topic(int version) {
        return Topics.versioned(topic, version);
    }

    public Class<V> avroClass() {
        return avroClass;
    }

    public Schema schema() {
        return schema;
    }

    public static Optional<EventType<?>> byName(String name) {
        return ALL.stream().filter(t -> t.name.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return name;
    }
}
