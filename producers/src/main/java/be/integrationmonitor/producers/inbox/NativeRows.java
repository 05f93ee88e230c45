package be.integrationmonitor.producers.inbox;

import be.integrationmonitor.api.FieldError;
import be.integrationmonitor.producers.intake.Intake;
import be.integrationmonitor.producers.intake.SubmissionReader;
import be.integrationmonitor.producers.partner.Partner;
import be.integrationmonitor.producers.pseudonym.Pseudonymiser;
import be.integrationmonitor.producers.push.LineResult;
import be.integrationmonitor.pseudonym.NationalNumber;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A file's rows as push submissions, with the line in the file (the header is line 1). Rows that
 * cannot be converted are reported here and never reach the intake; skipped rows are counted.
 */
final class NativeRows extends SubmissionReader {

    /** A file that cannot be read as its partner's format at all. */
    static final class InvalidFile extends RuntimeException {
        InvalidFile(String message) {
            super(message);
        }
    }

    private final NativeFormat format;
    private final Partner partner;
    private final MappingIterator<String[]> rows;
    private final Pseudonymiser pseudonymiser;
    private final Runnable progress;
    private final List<FieldError> rejections = new ArrayList<>(); // field = "line;column"
    private final Map<NativeFormat.Column, Integer> positions = new HashMap<>();
    private final Map<NativeFormat.Column, String> headers = new HashMap<>();
    private final Map<Integer, NativeFormat.Row> pending = new HashMap<>();
    private long skipped;
    private long rejectedRows;
    private int line = 1;

    /**
     * @param progress called before each row, so that a long file can renew its claim
     * @throws InvalidFile when the header lacks a column of the format
     */
    NativeRows(NativeFormat format, Partner partner, MappingIterator<String[]> rows, Pseudonymiser pseudonymiser,
               Runnable progress) {
        this.format = format;
        this.partner = partner;
        this.rows = rows;
        this.pseudonymiser = pseudonymiser;
        this.progress = progress;
        readHeader();
    }

    List<FieldError> rejections() {
        return rejections;
    }

    long skipped() {
        return skipped;
    }

    long rejectedRows() {
        return rejectedRows;
    }

    private void readHeader() {
        if (!rows.hasNext()) {
            throw new InvalidFile("empty file: a header line is expected");
        }
        String[] names = rows.next();
        for (int i = 0; i < names.length; i++) {
            String name = NativeFormat.fold(names[i]);
            for (NativeFormat.Column column : format.columns()) {
                if (name.equals(column.dutch()) || name.equals(column.french())) {
                    positions.put(column, i);
                    headers.put(column, names[i].replace("\uFEFF", "").strip());
                }
            }
        }
        List<String> missing = format.columns().stream().filter(c -> !positions.containsKey(c))
                .map(c -> c.dutch().replace(' ', '_') + " / " + c.french().replace(' ', '_')).toList();
        if (!missing.isEmpty()) {
            throw new InvalidFile("missing columns: " + String.join(", ", missing));
        }
    }

    /** The intake's result for a row. */
    void done(LineResult result) {
        NativeFormat.Row row = pending.remove(result.line());
        if (result.status() == LineResult.Status.rejected) {
            report(result.line(), row, result.errors());
        }
    }

    private void report(int line, NativeFormat.Row row, List<FieldError> errors) {
        rejectedRows++;
        for (FieldError error : errors) {
            String column = row == null ? error.field() : row.header(error.field()).orElse(error.field());
            rejections.add(new FieldError(line + ";" + column, error.message()));
        }
    }

    @Override
    protected Intake.Submission read() {
        while (true) {
            progress.run();
            if (!rows.hasNext()) {
                return null;
            }
            String[] values = rows.next();
            line++;
            if (values.length == 1 && values[0].isBlank()) {
                continue;
            }
            NativeFormat.Row row = new NativeFormat.Row(positions, headers, values);
            NativeFormat.RowResult result = format.map(row, partner);
            if (!row.errors().isEmpty()) {
                report(line, null, row.errors());
            } else if (result instanceof NativeFormat.RowResult.Skipped) {
                skipped++;
            } else {
                ObjectNode event = ((NativeFormat.RowResult.Event) result).event();
                event.put("eventId", eventId(event));
                pending.put(line, row);
                return new Intake.Submission(line, event);
            }
        }
    }

    /** Keyed on the row's content (the number normalised), so that the same row gets the same id. */
    private String eventId(ObjectNode event) {
        ObjectNode canonical = event.deepCopy();
        NationalNumber.normalise(event.path("nationalNumber").asText(null))
                .ifPresent(number -> canonical.put("nationalNumber", number));
        return pseudonymiser.keyedUuid(partner.id() + "\n" + canonical).toString();
    }
}
