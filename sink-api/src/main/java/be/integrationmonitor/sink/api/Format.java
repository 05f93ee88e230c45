package be.integrationmonitor.sink.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** JSON or CSV: {@code format=csv|json} (for download links) or else the Accept header. */
enum Format {
    JSON, CSV;

    static final String TEXT_CSV = "text/csv";

    static Format of(String format, HttpHeaders headers) {
        if (format != null) {
            return switch (format) {
                case "json" -> JSON;
                case "csv" -> CSV;
                default -> throw ApiException.badRequest("format", "must be json or csv");
            };
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return JSON;
            }
            if (type.toString().startsWith(TEXT_CSV)) {
                return CSV;
            }
        }
        return JSON;
    }

    static Rendered json(ObjectMapper mapper, Object answer) {
        try {
            return Rendered.of(mapper.writeValueAsBytes(answer), MediaType.APPLICATION_JSON, null);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * RFC 4180 (a field with a comma, quote, CR or LF quoted); a withheld value is empty with
     * {@code suppressed} true, an undefined one empty with false; text that a spreadsheet would run
     * as a formula starts with a quote.
     */
    static Rendered csv(String filename, List<String> header, List<List<Object>> rows) {
        StringBuilder csv = new StringBuilder(line(header));
        rows.forEach(row -> csv.append(line(row)));
        return Rendered.of(csv.toString().getBytes(StandardCharsets.UTF_8), TEXT_CSV + "; charset=utf-8", filename);
    }

    private static String line(List<?> fields) {
        return fields.stream().map(Format::field).collect(Collectors.joining(",", "", "\r\n"));
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number number) {
            return number instanceof Double d ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                    : number.toString();
        }
        String text = value.toString();
        // a spreadsheet runs a cell starting with one of these as a formula: make it text
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
                ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
