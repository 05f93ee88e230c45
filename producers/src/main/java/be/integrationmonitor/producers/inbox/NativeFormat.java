package be.integrationmonitor.producers.inbox;

import be.integrationmonitor.api.FieldError;
import be.integrationmonitor.producers.partner.Partner;
import be.integrationmonitor.producers.partner.PartnerKind;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A partner kind's usual export (docs/partners.md): ';'-separated CSV, UTF-8, one header line in
 * Dutch or French, dates dd/MM/yyyy, amounts with a decimal comma. A format turns one row into the
 * push API's JSON event, which then goes through the same validation as a push.
 */
abstract class NativeFormat {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    /** A column: the event field it fills (or a name of its own) and its Dutch and French headers. */
    record Column(String field, String dutch, String french) {
    }

    /** The outcome of one row: an event, or a row that is not an event of this platform. */
    sealed interface RowResult {
        record Event(ObjectNode event) implements RowResult {
        }

        record Skipped(String reason) implements RowResult {
        }
    }

    /** Every format has the person's national number; it never leaves the edge. */
    static final Column NATIONAL_NUMBER = new Column("nationalNumber", "rijksregisternummer", "numero registre national");

    abstract List<Column> columns();

    /** Conversion errors go to {@code row.errors()}; the row is then rejected whatever this returns. */
    abstract RowResult map(Row row, Partner partner);

    static Optional<NativeFormat> of(PartnerKind kind) {
        return Optional.ofNullable(switch (kind) {
            case IMMIGRATION_OFFICE -> new ProtectionList();
            case MUNICIPALITY -> new RegisterMutations();
            case OCMW -> new SocialFileExport();
            case RECEPTION -> new ReceptionPlacements();
            default -> null;
        });
    }

    /** Case, accents and spaces do not matter in headers and codes: "Beëindiging " = "beeindiging". */
    static String fold(String text) {
        return Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace('\uFEFF', ' ').strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", " ");
    }

    static ObjectNode event(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }

    /** Codes of a column, Dutch and French, folded, to the schema's symbols. */
    static Map<String, String> codes(String... codeThenSymbol) {
        Map<String, String> codes = new TreeMap<>();
        for (int i = 0; i < codeThenSymbol.length; i += 2) {
            codes.put(fold(codeThenSymbol[i]), codeThenSymbol[i + 1]);
        }
        return codes;
    }

    /** One data row, read through the file's header; conversion errors name the file's own column. */
    static final class Row {
        private final Map<Column, Integer> positions;
        private final String[] values;
        private final List<FieldError> errors = new ArrayList<>();
        private final Map<Column, String> headers;

        Row(Map<Column, Integer> positions, Map<Column, String> headers, String[] values) {
            this.positions = positions;
            this.headers = headers;
            this.values = values;
        }

        List<FieldError> errors() {
            return errors;
        }

        /** The trimmed value, or null (with an error) when the cell is empty. */
        String text(Column column) {
            Integer position = positions.get(column);
            String value = position != null && position < values.length ? values[position].strip() : "";
            if (value.isEmpty()) {
                error(column, "required");
                return null;
            }
            return value;
        }

        String date(Column column) {
            String value = text(column);
            try {
                return value == null ? null : LocalDate.parse(value, DATE).toString();
            } catch (DateTimeParseException e) {
                return error(column, "must be a date dd/MM/yyyy, e.g. 03/04/2023");
            }
        }

        Integer integer(Column column) {
            String value = text(column);
            try {
                return value == null ? null : Integer.valueOf(value);
            } catch (NumberFormatException e) {
                return error(column, "must be a whole number");
            }
        }

        /** An amount in euro with a decimal comma and optional thousands dots ("1.263,17"), in cents. */
        Long cents(Column column) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            if (!value.matches("\\d{1,3}(\\.?\\d{3})*(,\\d{1,2})?")) {
                return error(column, "must be an amount in euro with a decimal comma, e.g. 1.263,17");
            }
            return new BigDecimal(value.replace(".", "").replace(',', '.')).movePointRight(2).longValueExact();
        }

        String code(Column column, Map<String, String> codes) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            String symbol = codes.get(fold(value));
            return symbol != null ? symbol : error(column, "must be one of " + String.join(", ", codes.keySet()));
        }

        /** The file's header for an event field, for errors found after mapping. */
        Optional<String> header(String field) {
            return headers.entrySet().stream().filter(e -> e.getKey().field().equals(field))
                    .map(Map.Entry::getValue).findFirst();
        }

        private <T> T error(Column column, String message) {
            errors.add(new FieldError(headers.getOrDefault(column, column.dutch()), message));
            return null;
        }
    }
}
