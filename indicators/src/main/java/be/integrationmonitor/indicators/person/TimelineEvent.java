package be.integrationmonitor.indicators.person;

import be.integrationmonitor.events.SupportDecision;
import be.integrationmonitor.events.SupportType;
import java.time.LocalDate;
import org.apache.avro.generic.GenericRecord;
import java.util.Comparator;

/**
 * One event of a person's timeline, reduced to what the indicators read; dates are epoch days so
 * that the state store's JSON stays plain.
 *
 * @param granted      protection GRANTED, or income support GRANTED
 * @param supportType  for income support: INTEGRATION_INCOME or EQUIVALENT_INCOME
 * @param decision     for income support: GRANTED, STOPPED or REFUSED
 * @param amountCents  for housing aid
 * @param integrationProject for income support: a GPMI / PIIS is attached (field added in v2 of
 *                     IncomeSupportDecided; false when absent or null, so for every v1 record)
 */
public record TimelineEvent(EventKind kind, String eventId, long effectiveDay, long recordedAt, String municipality,
                            boolean granted, int birthYear, boolean unaccompaniedMinor, SupportType supportType,
                            SupportDecision decision, long amountCents, boolean integrationProject) {

    /** The timeline's order: effectiveDate, then recordedAt, then eventId. */
    public static final Comparator<TimelineEvent> ORDER = Comparator.comparingLong(TimelineEvent::effectiveDay)
            .thenComparingLong(TimelineEvent::recordedAt)
            .thenComparing(TimelineEvent::eventId);

    /**
     * The event as the engine reads it, from any compatible version of its schema.
     *
     * @throws IllegalArgumentException for an event type the engine does not read
     */
    public static TimelineEvent of(GenericRecord e) {
        String eventId = text(e, "eventId");
        long day = ((Number) e.get("effectiveDate")).longValue();
        long recordedAt = ((Number) e.get("recordedAt")).longValue();
        String municipality = text(e, "municipality");
        return switch (e.getSchema().getName()) {
            case "ProtectionStatusChanged" -> new TimelineEvent(EventKind.PROTECTION, eventId, day, recordedAt,
                    municipality, "GRANTED".equals(text(e, "status")), ((Number) e.get("birthYear")).intValue(),
                    (Boolean) e.get("unaccompaniedMinor"), null, null, 0, false);
            case "ResidenceChanged" -> new TimelineEvent(EventKind.RESIDENCE, eventId, day, recordedAt, municipality,
                    false, 0, false, null, null, 0, false);
            case "IncomeSupportDecided" -> new TimelineEvent(EventKind.INCOME_SUPPORT, eventId, day, recordedAt,
                    municipality, "GRANTED".equals(text(e, "decision")), 0, false,
                    SupportType.valueOf(text(e, "supportType")), SupportDecision.valueOf(text(e, "decision")),
                    ((Number) e.get("monthlyAmountCents")).longValue(), flag(e, "gpmi"));
            case "HousingAidGranted" -> new TimelineEvent(EventKind.HOUSING_AID, eventId, day, recordedAt,
                    municipality, false, 0, false, null, null, ((Number) e.get("amountCents")).longValue(), false);
            default -> throw new IllegalArgumentException("the engine does not read " + e.getSchema().getName());
        };
    }

    private static String text(GenericRecord record, String field) {
        Object value = record.get(field);
        return value == null ? null : value.toString();
    }

    /** A boolean field that older versions of the schema lack: false when absent or null. */
    private static boolean flag(GenericRecord record, String field) {
        return record.hasField(field) && Boolean.TRUE.equals(record.get(field));
    }

    public static TimelineEvent erasure() {
        return new TimelineEvent(EventKind.ERASURE, "", 0, 0, null, false, 0, false, null, null, 0, false);
    }

    public LocalDate effectiveDate() {
        return LocalDate.ofEpochDay(effectiveDay);
    }
}
