package be.integrationmonitor.producers.inbox;

import be.integrationmonitor.api.FieldError;
import be.integrationmonitor.producers.intake.BrokerUnavailableException;
import be.integrationmonitor.producers.intake.Intake;
import be.integrationmonitor.producers.partner.Partner;
import be.integrationmonitor.producers.partner.PartnerRegistry;
import be.integrationmonitor.pseudonym.NationalNumber;
import be.integrationmonitor.producers.pseudonym.Pseudonymiser;
import be.integrationmonitor.producers.push.LineResult;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Partner-native files, picked up by the producers themselves. A partner drops its export into
 * {@code <im.inbox.dir>/<partner id>/}; each {@code *.csv} file that has not changed for
 * {@code im.inbox.settle} is read row by row through its partner kind's {@link NativeFormat},
 * its valid rows published like pushed events, and the file moved to {@code processed/} (at least
 * one row accepted or already accepted before) or {@code failed/}, with
 * {@code <file>.rejections.csv} (line;column;reason, never a value) beside it when rows were
 * rejected. Each row's eventId is a keyed hash of its content, so a re-dropped file or a row
 * repeated in a later export publishes nothing twice, and a file interrupted by a stop or a Kafka
 * outage is simply read again from the start.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    public static final String PROCESSED = "processed";
    public static final String FAILED = "failed";
    public static final String REPORT_SUFFIX = ".rejections.csv";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES).build();
    private static final CsvSchema SEMICOLON = CsvSchema.emptySchema().withColumnSeparator(';');

    private final Optional<Path> root;
    private final Duration settle;
    private final PartnerRegistry partners;
    private final Intake intake;
    private final Pseudonymiser pseudonymiser;
    private final Clock clock = Clock.systemDefaultZone();

    public Inbox(@ConfigProperty(name = "im.inbox.dir") Optional<Path> root,
                 @ConfigProperty(name = "im.inbox.settle") Duration settle,
                 PartnerRegistry partners, Intake intake, Pseudonymiser pseudonymiser) {
        this.root = root;
        this.settle = settle;
        this.partners = partners;
        this.intake = intake;
        this.pseudonymiser = pseudonymiser;
    }

    /** What became of one file. */
    public record FileOutcome(Path movedTo, long accepted, long duplicates, long rejected, long skipped) {
    }

    @Scheduled(every = "${im.inbox.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        scan();
    }

    /** Processes every settled file of every partner's folder; files left for later are not listed. */
    public synchronized List<FileOutcome> scan() {
        List<FileOutcome> outcomes = new ArrayList<>();
        if (root.isEmpty() || !Files.isDirectory(root.get())) {
            return outcomes;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root.get(), Files::isDirectory)) {
            for (Path folder : folders) {
                Optional<Partner> partner = partners.byId(folder.getFileName().toString());
                if (partner.isPresent()) {
                    for (Path file : settledFiles(folder)) {
                        process(file, partner.get()).ifPresent(outcomes::add);
                    }
                }
            }
        } catch (IOException e) {
            LOG.errorf("cannot read inbox %s: %s", root.get(), e.getMessage());
        }
        return outcomes;
    }

    private List<Path> settledFiles(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        long settledBefore = clock.millis() - settle.toMillis();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "*.{csv,CSV}")) {
            for (Path file : entries) {
                if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toMillis() <= settledBefore) {
                    files.add(file);
                }
            }
        }
        files.sort(null);
        return files;
    }

    /** @return empty when Kafka is unavailable: the file stays and is read again at the next poll */
    private Optional<FileOutcome> process(Path file, Partner partner) throws IOException {
        List<FieldError> rejections = new ArrayList<>(); // field = "line;column"
        long[] skipped = {0};
        long[] rejectedRows = {0};
        Intake.Outcome outcome;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<String[]> rows = CSV.readerFor(String[].class).with(SEMICOLON).readValues(reader)) {
            NativeFormat format = NativeFormat.of(partner.kind()).orElseThrow(() ->
                    new InvalidFile("no native file format for partner kind " + partner.kind()));
            Rows submissions = new Rows(format, partner, rows, rejections, skipped, rejectedRows);
            outcome = intake.process(partner, "inbox", submissions, submissions::done);
        } catch (BrokerUnavailableException e) {
            LOG.warnf("inbox %s/%s: %s; it will be read again", partner.id(), file.getFileName(), e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            // Jackson's CSV messages may quote a cell: report the kind of problem only
            String reason = e instanceof InvalidFile ? e.getMessage() : "not a readable ';'-separated CSV file";
            Path moved = move(file, FAILED, List.of(new FieldError("0;", reason)));
            LOG.warnf("inbox %s/%s: failed: %s", partner.id(), file.getFileName(), reason);
            return Optional.of(new FileOutcome(moved, 0, 0, 0, 0));
        }
        boolean anyEvent = outcome.accepted() + outcome.duplicates() > 0;
        Path moved = move(file, anyEvent ? PROCESSED : FAILED, rejections);
        LOG.infof("inbox %s/%s: %d accepted, %d duplicates, %d rejected, %d skipped -> %s", partner.id(),
                file.getFileName(), outcome.accepted(), outcome.duplicates(), rejectedRows[0], skipped[0],
                moved.getParent().getFileName());
        return Optional.of(new FileOutcome(moved, outcome.accepted(), outcome.duplicates(), rejectedRows[0],
                skipped[0]));
    }

    private Path move(Path file, String outcome, List<FieldError> rejections) throws IOException {
        Path folder = Files.createDirectories(file.resolveSibling(outcome));
        Path target = folder.resolve(LocalDateTime.now(clock).format(STAMP) + "-" + file.getFileName());
        if (!rejections.isEmpty()) {
            Path report = target.resolveSibling(target.getFileName() + REPORT_SUFFIX);
            try (BufferedWriter out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
                out.write("line;column;reason\n");
                for (FieldError rejection : rejections) {
                    out.write(rejection.field() + ";" + rejection.message().replace(';', ',') + "\n");
                }
            }
        }
        return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A file that cannot be read as its partner's format at all. */
    private static final class InvalidFile extends RuntimeException {
        InvalidFile(String message) {
            super(message);
        }
    }

    /**
     * The file's rows as push submissions, with the line in the file (the header is line 1). Rows
     * that cannot be converted are reported here and never reach the intake; skipped rows are counted.
     */
    private final class Rows implements Iterator<Intake.Submission> {
        private final NativeFormat format;
        private final Partner partner;
        private final MappingIterator<String[]> rows;
        private final List<FieldError> rejections;
        private final long[] skipped;
        private final long[] rejectedRows;
        private final Map<NativeFormat.Column, Integer> positions = new HashMap<>();
        private final Map<NativeFormat.Column, String> headers = new HashMap<>();
        private final Map<Integer, NativeFormat.Row> pending = new HashMap<>();
        private int line = 1;
        private Intake.Submission next;

        Rows(NativeFormat format, Partner partner, MappingIterator<String[]> rows, List<FieldError> rejections,
             long[] skipped, long[] rejectedRows) {
            this.format = format;
            this.partner = partner;
            this.rows = rows;
            this.rejections = rejections;
            this.skipped = skipped;
            this.rejectedRows = rejectedRows;
            readHeader();
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

        void done(LineResult result) {
            NativeFormat.Row row = pending.remove(result.line());
            if (result.status() == LineResult.Status.rejected) {
                report(result.line(), row, result.errors());
            }
        }

        private void report(int line, NativeFormat.Row row, List<FieldError> errors) {
            rejectedRows[0]++;
            for (FieldError error : errors) {
                String column = row == null ? error.field() : row.header(error.field()).orElse(error.field());
                rejections.add(new FieldError(line + ";" + column, error.message()));
            }
        }

        @Override
        public boolean hasNext() {
            while (next == null && rows.hasNext()) {
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
                    skipped[0]++;
                } else {
                    ObjectNode event = ((NativeFormat.RowResult.Event) result).event();
                    event.put("eventId", eventId(event));
                    pending.put(line, row);
                    next = new Intake.Submission(line, event);
                }
            }
            return next != null;
        }

        /** Keyed on the row's content (the number normalised), so that the same row gets the same id. */
        private String eventId(ObjectNode event) {
            ObjectNode canonical = event.deepCopy();
            NationalNumber.normalise(event.path("nationalNumber").asText(null))
                    .ifPresent(number -> canonical.put("nationalNumber", number));
            return pseudonymiser.keyedUuid(partner.id() + "\n" + canonical).toString();
        }

        @Override
        public Intake.Submission next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Intake.Submission submission = next;
            next = null;
            return submission;
        }
    }
}
