package be.integrationmonitor.producers.mapping;

import be.integrationmonitor.api.FieldError;
import be.integrationmonitor.events.EventType;
import be.integrationmonitor.geo.GeoUnits;
import be.integrationmonitor.producers.partner.Partner;
import be.integrationmonitor.pseudonym.NationalNumber;
import be.integrationmonitor.producers.pseudonym.Pseudonymiser;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Validates a partner's JSON event and maps it onto the event type's Avro schema: the schema
 * drives the checks of every type-specific field, so a new optional field needs no code here.
 * The national number is checked and replaced by the person's pseudonym.
 */
@ApplicationScoped
public class EventMapper {

    public static final LocalDate EARLIEST = LocalDate.of(2022, 1, 1);
    static final int MAX_DAYS_AHEAD = 366;
    /** No partner system recorded anything about this population before; also keeps timestamps in range. */
    static final Instant EARLIEST_RECORDED = Instant.parse("2000-01-01T00:00:00Z");
    /** How far a partner's clock may run ahead of ours: a later {@code recordedAt} is refused. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final int EARLIEST_BIRTH_YEAR = 1900;
    /**
     * The plausible range of every numeric field partners send (docs/api.md): a value outside is a
     * partner's error (a sign, a unit, a misplaced column), never a fact to count.
     */
    private static final Map<String, Range> RANGES = Map.of(
            "birthYear", new Range(EARLIEST_BIRTH_YEAR, 2100), // and at most the event's year, below
            "amountCents", new Range(0, 10_000_000), // one housing-aid grant: up to EUR 100,000
            "monthlyAmountCents", new Range(0, 1_000_000)); // income support: up to EUR 10,000 a month

    private record Range(long min, long max) {

        boolean contains(long value) {
            return value >= min && value <= max;
        }
    }
    /** The field of the person's national number, which the edge replaces by their personRef. */
    public static final String NATIONAL_NUMBER = "nationalNumber";
    /** Resolves the generated classes through this module's class loader (Quarkus' in tests and dev mode). */
    private static final SpecificData AVRO = new SpecificData(EventMapper.class.getClassLoader());

    private final Pseudonymiser pseudonymiser;
    private final Clock clock;

    @Inject
    public EventMapper(Pseudonymiser pseudonymiser) {
        this(pseudonymiser, Clock.systemUTC());
    }

    EventMapper(Pseudonymiser pseudonymiser, Clock clock) {
        this.pseudonymiser = pseudonymiser;
        this.clock = clock;
    }

    public MappingResult map(JsonNode json, Partner partner) {
        List<FieldError> errors = new ArrayList<>();
        if (json == null || !json.isObject()) {
            return new MappingResult.Rejected(null, List.of(new FieldError("", "not a JSON object: each event (each NDJSON line) must be one JSON object")), false);
        }
        String eventId = text(json, "eventId");
        Optional<EventType<?>> type = Optional.ofNullable(text(json, "type")).flatMap(EventType::byName);
        if (type.isEmpty()) {
            errors.add(new FieldError("type", "required: one of " + EventType.ALL));
            return new MappingResult.Rejected(eventId, errors, false);
        }
        if (!partner.mayPublish(type.get().name())) {
            return forbidden(eventId, "type", "partner " + partner.id() + " may not publish " + type.get().name());
        }
        String municipality = text(json, "municipality");
        if (municipality != null && GeoUnits.get().isMunicipality(municipality) && !partner.mayPublishFor(municipality)) {
            return forbidden(eventId, "municipality", "partner " + partner.id() + " may publish only for municipality "
                    + partner.municipality().orElseThrow());
        }

        Schema schema = type.get().schema();
        SpecificRecord record = (SpecificRecord) AVRO.newRecord(null, schema);
        Instant recordedAt = recordedAt(json, errors);
        String personRef = personRef(json, errors);
        for (Schema.Field field : schema.getFields()) {
            Object value = switch (field.name()) {
                case "partnerId" -> partner.id();
                case "personRef" -> personRef;
                case "recordedAt" -> recordedAt;
                default -> fieldValue(json, field, errors);
            };
            if (value != null) {
                record.put(field.pos(), value);
            }
        }
        checkHeader(record, schema, recordedAt, errors);
        unknownFields(json, schema, errors);
        if (!errors.isEmpty()) {
            return new MappingResult.Rejected(eventId, errors, false);
        }
        return new MappingResult.Mapped(type.get(), record, eventId, personRef);
    }

    private static MappingResult forbidden(String eventId, String field, String message) {
        return new MappingResult.Rejected(eventId, List.of(new FieldError(field, message)), true);
    }

    private String personRef(JsonNode json, List<FieldError> errors) {
        if (json.has("personRef")) {
            errors.add(new FieldError("personRef", "set by the platform: send nationalNumber instead"));
        }
        JsonNode raw = json.get(NATIONAL_NUMBER);
        Optional<String> number = raw != null && raw.isTextual() ? NationalNumber.normalise(raw.asText()) : Optional.empty();
        if (number.isEmpty()) {
            errors.add(new FieldError(NATIONAL_NUMBER, raw == null || raw.isNull()
                    ? "required: the person's national register number (INSZ/NISS)"
                    : "not a valid national register number (INSZ/NISS): 11 digits, the last two a mod-97 check"));
            return null;
        }
        return pseudonymiser.personRef(number.get());
    }

    private Instant recordedAt(JsonNode json, List<FieldError> errors) {
        JsonNode node = json.get("recordedAt");
        Instant now = clock.instant();
        if (node == null || node.isNull()) {
            return now;
        }
        Instant recorded;
        try {
            recorded = OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("recordedAt", "must be an ISO-8601 timestamp with offset, e.g. 2023-04-03T10:15:30+02:00"));
            return now;
        }
        if (recorded.isBefore(EARLIEST_RECORDED) || recorded.isAfter(now.plus(CLOCK_SKEW))) {
            errors.add(new FieldError("recordedAt", "must be between " + EARLIEST_RECORDED + " and now (at most "
                    + CLOCK_SKEW.toMinutes() + " minutes ahead of the platform's clock); leave it out for now"));
            return now;
        }
        return recorded;
    }

    private static void checkHeader(SpecificRecord record, Schema schema, Instant recordedAt, List<FieldError> errors) {
        Object eventId = record.get(schema.getField("eventId").pos());
        if (eventId instanceof String id && !isUuid(id)) {
            errors.add(new FieldError("eventId", "must be a UUID, e.g. 3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f"));
        }
        Object municipality = record.get(schema.getField("municipality").pos());
        if (municipality instanceof String code && !GeoUnits.get().isMunicipality(code)) {
            errors.add(new FieldError("municipality", "not a municipality of the REFNIS 2025 nomenclature (5-digit NIS code)"));
        }
        Object date = record.get(schema.getField("effectiveDate").pos());
        if (date instanceof LocalDate effective) {
            LocalDate latest = recordedAt.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(MAX_DAYS_AHEAD);
            if (effective.isBefore(EARLIEST) || effective.isAfter(latest)) {
                errors.add(new FieldError("effectiveDate", "must be between " + EARLIEST
                        + " and " + MAX_DAYS_AHEAD + " days after recordedAt"));
            }
            Schema.Field birthYear = schema.getField("birthYear");
            if (birthYear != null && record.get(birthYear.pos()) instanceof Integer year && year > effective.getYear()) {
                errors.add(new FieldError("birthYear", "must not be after the year of effectiveDate"));
            }
        }
    }

    private static void unknownFields(JsonNode json, Schema schema, List<FieldError> errors) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("type") && !name.equals(NATIONAL_NUMBER) && schema.getField(name) == null) {
                errors.add(new FieldError(name, "unknown field for this event type"));
            }
        }
    }

    /** The field's value from the body, converted to what its Avro schema holds; null after an error. */
    private static Object fieldValue(JsonNode json, Schema.Field field, List<FieldError> errors) {
        JsonNode node = json.get(field.name());
        if (node == null || node.isNull()) {
            if (field.hasDefaultValue()) {
                return AVRO.getDefaultValue(field);
            }
            errors.add(new FieldError(field.name(), "required"));
            return null;
        }
        Schema schema = nonNull(field.schema());
        Object value = convert(node, schema);
        if (value == null) {
            errors.add(new FieldError(field.name(), expected(schema)));
            return null;
        }
        Range range = RANGES.get(field.name());
        if (range != null && !range.contains(((Number) value).longValue())) {
            errors.add(new FieldError(field.name(), "must be between " + range.min() + " and " + range.max()));
            return null;
        }
        return value;
    }

    private static Object convert(JsonNode node, Schema schema) {
        try {
            return switch (schema.getType()) {
                case STRING -> node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
                case INT -> schema.getLogicalType() instanceof LogicalTypes.Date
                        ? (node.isTextual() ? LocalDate.parse(node.asText()) : null)
                        : (node.isIntegralNumber() && node.canConvertToInt() ? node.asInt() : null);
                case LONG -> node.isIntegralNumber() && node.canConvertToLong() ? node.asLong() : null;
                case DOUBLE -> node.isNumber() ? node.asDouble() : null;
                case BOOLEAN -> node.isBoolean() ? node.asBoolean() : null;
                case ENUM -> node.isTextual() && schema.hasEnumSymbol(node.asText())
                        ? AVRO.createEnum(node.asText(), schema) : null;
                default -> null;
            };
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String expected(Schema schema) {
        return switch (schema.getType()) {
            case STRING -> "must be a non-empty string";
            case INT -> schema.getLogicalType() instanceof LogicalTypes.Date ? "must be an ISO-8601 date, e.g. 2023-04-03" : "must be an integer";
            case LONG -> "must be an integer";
            case DOUBLE -> "must be a number";
            case BOOLEAN -> "must be true or false";
            case ENUM -> "must be one of " + schema.getEnumSymbols();
            default -> "unsupported field type " + schema.getType();
        };
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElse(schema);
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static boolean isUuid(String id) {
        try {
            return UUID.fromString(id).toString().equalsIgnoreCase(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
