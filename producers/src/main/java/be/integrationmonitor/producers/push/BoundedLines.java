package be.integrationmonitor.producers.push;

import be.integrationmonitor.producers.intake.Intake;
import be.integrationmonitor.producers.intake.SubmissionReader;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An NDJSON body as submissions, read as it arrives with bounded memory: a line beyond
 * {@code maxLineBytes} is refused and skipped without being kept, and reading stops after
 * {@code maxLines} lines ({@link #truncated()}). Blank lines are skipped but counted.
 */
final class BoundedLines extends SubmissionReader {

    private final InputStream body;
    private final ObjectMapper json;
    private final int maxLineBytes;
    private final int maxLines;
    private final byte[] buffer;
    private int number;
    private int read;
    private boolean truncated;
    private boolean ended;

    BoundedLines(InputStream body, ObjectMapper json, int maxLineBytes, int maxLines) {
        this.body = body;
        this.json = json;
        this.maxLineBytes = maxLineBytes;
        this.maxLines = maxLines;
        this.buffer = new byte[Math.min(maxLineBytes, 8192)];
    }

    /** True once a line beyond {@code maxLines} was found: it and the rest of the body were not read. */
    boolean truncated() {
        return truncated;
    }

    @Override
    protected Intake.Submission read() {
        try {
            while (!ended) {
                Line line = readLine();
                if (line == null) {
                    ended = true;
                } else if (line.tooLong() || !line.text().isBlank()) {
                    if (++read > maxLines) {
                        truncated = true;
                        ended = true;
                    } else {
                        return line.tooLong() ? Intake.Submission.invalid(number, "line longer than " + maxLineBytes
                                + " bytes: one event a line") : parse(number, line.text(), json);
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One event's JSON; an answer without Jackson's message, which could quote the input. */
    static Intake.Submission parse(int line, String text, ObjectMapper json) {
        try {
            return new Intake.Submission(line, json.readTree(text));
        } catch (StreamConstraintsException e) {
            return Intake.Submission.invalid(line, "beyond the JSON limits of docs/security.md (nesting, "
                    + "string or number length)");
        } catch (JsonProcessingException e) {
            return new Intake.Submission(line, null);
        }
    }

    private record Line(String text, boolean tooLong) {
    }

    /** The next line without its end; null at the end of the body. Keeps at most maxLineBytes. */
    private Line readLine() throws IOException {
        byte[] kept = buffer;
        int length = 0;
        boolean tooLong = false;
        int b = body.read();
        if (b < 0) {
            return null;
        }
        number++;
        while (b >= 0 && b != '\n') {
            if (!tooLong) {
                if (length == maxLineBytes) {
                    tooLong = true;
                } else {
                    if (length == kept.length) {
                        kept = Arrays.copyOf(kept, Math.min(maxLineBytes, kept.length * 2));
                    }
                    kept[length++] = (byte) b;
                }
            }
            b = body.read();
        }
        if (tooLong) {
            return new Line("", true);
        }
        int end = length > 0 && kept[length - 1] == '\r' ? length - 1 : length;
        return new Line(new String(kept, 0, end, StandardCharsets.UTF_8), false);
    }
}
