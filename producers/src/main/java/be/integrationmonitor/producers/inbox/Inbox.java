package be.integrationmonitor.producers.inbox;

import be.integrationmonitor.api.FieldError;
import be.integrationmonitor.producers.intake.BrokerUnavailableException;
import be.integrationmonitor.producers.intake.Intake;
import be.integrationmonitor.producers.partner.Partner;
import be.integrationmonitor.producers.partner.PartnerRegistry;
import be.integrationmonitor.producers.pseudonym.Pseudonymiser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Partner-native files, picked up by the producers themselves. A partner writes its export into
 * {@code <im.inbox.dir>/<partner id>/} under a name not ending in {@code .csv} and renames it to
 * {@code *.csv} when complete. Each {@code *.csv} is claimed into the producers' own state folder
 * ({@link Claim}: one instance only reads it), checked to be UTF-8 as a whole, read row by row
 * through its partner kind's {@link NativeFormat}, its valid rows published like pushed events, and
 * moved to {@code processed/} (at least one row accepted or already accepted before) or
 * {@code failed/}, with {@code <file>.rejections.csv} (line;column;reason, never a value) beside it
 * when rows or the file were rejected. The state folder, {@code <im.inbox.state-dir>/<partner id>/},
 * is outside every partner's folder and symbolic links are never followed, so nothing a partner
 * writes decides where a file goes or as whom it is read. A failure on one file never stops the
 * others. Each row's eventId is a keyed hash of its content, so a re-dropped file, a row repeated
 * in a later export or a file read again after a crash or a Kafka outage publishes nothing twice.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    public static final String PROCESSED = "processed";
    public static final String FAILED = "failed";
    public static final String WORK = "work";
    /** The default state folder: inside the inbox, in no partner's folder (one holding it is refused). */
    public static final String STATE = ".state";
    public static final String REPORT_SUFFIX = ".rejections.csv";
    /** Files taken from one folder per poll: a partner's flood of files is read over several polls. */
    static final int FILES_PER_POLL = 1_000;
    /** A file whose reading fails with an I/O error at this attempt goes to failed; every retry is an attempt. */
    static final int READ_ATTEMPTS = 5;
    /** The retry delay doubles per attempt, up to 2^6 = 64 times im.inbox.retry-backoff. */
    private static final int MAX_DOUBLINGS = 6;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.TRIM_SPACES).build();
    private static final CsvSchema SEMICOLON = CsvSchema.emptySchema().withColumnSeparator(';');

    private final Optional<Path> root;
    private final Optional<Path> stateDir;
    private final Duration lease;
    private final Duration retryBackoff;
    private final PartnerRegistry partners;
    private final Intake intake;
    private final Pseudonymiser pseudonymiser;
    private final Clock clock = Clock.systemDefaultZone();
    /** Folders already reported as refused, so that the log says it once, not at every poll. */
    private final Set<String> refusedFolders = ConcurrentHashMap.newKeySet();

    public Inbox(@ConfigProperty(name = "im.inbox.dir") Optional<Path> root,
                 @ConfigProperty(name = "im.inbox.state-dir") Optional<Path> stateDir,
                 @ConfigProperty(name = "im.inbox.lease") Duration lease,
                 @ConfigProperty(name = "im.inbox.retry-backoff") Duration retryBackoff,
                 PartnerRegistry partners, Intake intake, Pseudonymiser pseudonymiser) {
        this.root = root;
        this.stateDir = stateDir;
        this.lease = lease;
        this.retryBackoff = retryBackoff;
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

    /**
     * Processes every complete file of every partner's folder, and every claim whose lease expired
     * (its instance died, or its retry is due). Files left for later are not listed. Safe to run
     * at the same time in several threads or instances over the same folders.
     */
    public List<FileOutcome> scan() {
        List<FileOutcome> outcomes = new ArrayList<>();
        if (root.isEmpty() || !Files.isDirectory(root.get())) {
            return outcomes;
        }
        try {
            Path inbox = root.get().toRealPath();
            Path state = Files.createDirectories(stateDir.orElse(root.get().resolve(STATE))).toRealPath();
            try (DirectoryStream<Path> folders = Files.newDirectoryStream(inbox)) {
                for (Path folder : folders) {
                    Optional<Partner> partner = partners.byId(folder.getFileName().toString());
                    if (partner.isPresent() && isPartnerFolder(folder, state)) {
                        scan(folder, partner.get(), state.resolve(partner.get().id()), outcomes);
                    }
                }
            }
        } catch (BrokerUnavailableException e) {
            // every file needs Kafka: the others wait for the next poll
        } catch (IOException | DirectoryIteratorException e) {
            LOG.errorf("cannot read inbox %s: %s", root.get(), e.getMessage());
        }
        return outcomes;
    }

    /** A real folder (never a link: its name, not its target, says whose it is) not holding the state. */
    private boolean isPartnerFolder(Path folder, Path state) {
        String name = folder.getFileName().toString();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            LOG.errorf("inbox %s: skipped: %s", name, e.getMessage());
            return false;
        }
        String refusal = attributes.isSymbolicLink() || !attributes.isDirectory()
                ? "not a folder (symbolic links are never followed)"
                : state.startsWith(folder) ? "holds the inbox state folder: set im.inbox.state-dir outside it" : null;
        if (refusal == null) {
            refusedFolders.remove(name);
            return true;
        }
        if (refusedFolders.add(name)) {
            LOG.errorf("inbox %s: skipped: %s", name, refusal);
        }
        return false;
    }

    /** Expired claims first (the oldest files), then new files, in name order. */
    private void scan(Path folder, Partner partner, Path state, List<FileOutcome> outcomes)
            throws BrokerUnavailableException {
        Path work;
        try {
            work = Files.createDirectories(state.resolve(WORK));
        } catch (IOException e) {
            LOG.errorf("inbox %s: cannot create its state folder: %s", partner.id(), e.getMessage());
            return;
        }
        for (Path claimed : list(work, name -> true)) {
            try {
                Optional<Claim> claim = Claim.takeOver(claimed, lease, clock);
                if (claim.isPresent()) {
                    process(claim.get(), partner, state).ifPresent(outcomes::add);
                }
            } catch (IOException e) {
                LOG.errorf("inbox %s: cannot take claim %s over: %s", partner.id(), claimed.getFileName(),
                        e.getMessage());
            }
        }
        for (Path dropped : list(folder, name -> name.toLowerCase(Locale.ROOT).endsWith(".csv"))) {
            try {
                Optional<Claim> claim = Claim.take(dropped, work, lease, clock);
                if (claim.isPresent()) {
                    process(claim.get(), partner, state).ifPresent(outcomes::add);
                }
            } catch (IOException e) {
                LOG.errorf("inbox %s/%s: cannot be claimed (the producers need to rename files of the "
                        + "partner's folder into %s, on the same filesystem): %s", partner.id(),
                        dropped.getFileName(), work, e.getMessage());
            }
        }
    }

    /** At most {@link #FILES_PER_POLL} entries of a folder, sorted; a folder that cannot be read is logged. */
    private static List<Path> list(Path folder, Predicate<String> name) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            for (Path entry : stream) {
                if (name.test(entry.getFileName().toString()) && entries.add(entry)
                        && entries.size() == FILES_PER_POLL) {
                    break;
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            LOG.errorf("cannot list %s: %s", folder, e.getMessage());
        }
        entries.sort(null);
        return entries;
    }

    /**
     * @return empty when the file is left for later: retried after a transient failure, or taken
     * over by another instance
     * @throws BrokerUnavailableException when Kafka did not acknowledge: the file is retried later
     */
    private Optional<FileOutcome> process(Claim claim, Partner partner, Path state)
            throws BrokerUnavailableException {
        String file = partner.id() + "/" + claim.name();
        try {
            return Optional.of(read(claim, partner, state));
        } catch (BrokerUnavailableException e) {
            LOG.warnf("inbox %s: %s; it will be read again in %s", file, e.getMessage(), retryLater(claim));
            throw e;
        } catch (Claim.Lost e) {
            LOG.warnf("inbox %s: its claim expired and another instance took it over", file);
        } catch (IOException | UncheckedIOException e) {
            String error = e.getClass().getSimpleName();
            if (claim.attempt() + 1 < READ_ATTEMPTS) {
                LOG.warnf("inbox %s: cannot be read (%s); it will be read again in %s", file, error, retryLater(claim));
            } else {
                return refuseUnreadable(claim, partner, state, error);
            }
        }
        return Optional.empty();
    }

    private FileOutcome read(Claim claim, Partner partner, Path state) throws IOException, BrokerUnavailableException {
        BasicFileAttributes attributes = Files.readAttributes(claim.path(), BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            return refuse(claim, partner, state, 0, "a symbolic link: links are never followed, drop the file itself");
        }
        if (!attributes.isRegularFile()) {
            return refuse(claim, partner, state, 0, "not a regular file");
        }
        Optional<NativeFormat> format = NativeFormat.of(partner.kind());
        if (format.isEmpty()) {
            return refuse(claim, partner, state, 0, "no native file format for partner kind " + partner.kind());
        }
        Optional<Utf8.Problem> notUtf8 = Utf8.check(claim.path(), claim::renewIfDue);
        if (notUtf8.isPresent()) {
            return refuse(claim, partner, state, notUtf8.get().line(), notUtf8.get().reason());
        }
        NativeRows rows;
        Intake.Outcome outcome;
        try (Reader reader = Utf8.reader(claim.path());
             MappingIterator<String[]> cells = CSV.readerFor(String[].class).with(SEMICOLON).readValues(reader)) {
            rows = new NativeRows(format.get(), partner, cells, pseudonymiser, claim::renewIfDue);
            outcome = intake.process(partner, "inbox", rows, rows::done);
        } catch (NativeRows.InvalidFile e) {
            return refuse(claim, partner, state, 0, e.getMessage());
        } catch (Claim.Lost | UncheckedIOException e) {
            throw e;
        } catch (JsonProcessingException | RuntimeException e) {
            if (e.getCause() instanceof IOException io && !(io instanceof JsonProcessingException)) {
                throw io; // Jackson wraps the reader's I/O errors
            }
            // Jackson's CSV messages may quote a cell: report the kind of problem only
            return refuse(claim, partner, state, 0, "not a readable ';'-separated CSV file");
        }
        boolean anyEvent = outcome.accepted() + outcome.duplicates() > 0;
        Path moved = settle(claim, state, anyEvent ? PROCESSED : FAILED, rows.rejections());
        LOG.infof("inbox %s/%s: %d accepted, %d duplicates, %d rejected, %d skipped -> %s", partner.id(),
                claim.name(), outcome.accepted(), outcome.duplicates(), rows.rejectedRows(), rows.skipped(),
                moved.getParent().getFileName());
        return new FileOutcome(moved, outcome.accepted(), outcome.duplicates(), rows.rejectedRows(), rows.skipped());
    }

    /** @return the delay after which any instance may read the file again */
    private Duration retryLater(Claim claim) {
        Duration delay = retryBackoff.multipliedBy(1L << Math.min(claim.attempt(), MAX_DOUBLINGS));
        try {
            claim.retryAfter(delay);
            return delay;
        } catch (IOException | Claim.Lost e) {
            return lease; // the claim stays as it was and expires
        }
    }

    private Optional<FileOutcome> refuseUnreadable(Claim claim, Partner partner, Path state, String error) {
        try {
            return Optional.of(refuse(claim, partner, state, 0, "could not be read (" + error + ") in "
                    + READ_ATTEMPTS + " attempts: drop it again"));
        } catch (IOException | Claim.Lost e) {
            LOG.errorf("inbox %s/%s: cannot be moved to %s: %s", partner.id(), claim.name(), FAILED, e.getMessage());
            return Optional.empty();
        }
    }

    /** The whole file goes to failed, with the reason as its report (line 0: the file as a whole). */
    private FileOutcome refuse(Claim claim, Partner partner, Path state, long line, String reason) throws IOException {
        Path moved = settle(claim, state, FAILED, List.of(new FieldError(line + ";", reason)));
        LOG.warnf("inbox %s/%s: failed: %s", partner.id(), claim.name(), reason);
        return new FileOutcome(moved, 0, 0, 0, 0);
    }

    private Path settle(Claim claim, Path state, String outcome, List<FieldError> rejections) throws IOException {
        Path moved = claim.settle(Files.createDirectories(state.resolve(outcome)),
                LocalDateTime.now(clock).format(STAMP));
        if (!rejections.isEmpty()) {
            Path report = moved.resolveSibling(moved.getFileName() + REPORT_SUFFIX);
            // the file has moved: a report that cannot be written must not bring it back to be read again
            try (BufferedWriter out = Files.newBufferedWriter(report, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write("line;column;reason\n");
                for (FieldError rejection : rejections) {
                    out.write(rejection.field() + ";" + rejection.message().replace(';', ',') + "\n");
                }
            } catch (IOException e) {
                LOG.errorf("inbox: cannot write %s: %s", report, e.getMessage());
            }
        }
        return moved;
    }
}
