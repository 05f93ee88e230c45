package be.integrationmonitor.producers.inbox;

import static be.integrationmonitor.producers.inbox.InboxTest.INBOX;
import static be.integrationmonitor.producers.inbox.InboxTest.drop;
import static be.integrationmonitor.producers.inbox.InboxTest.recordsOf;
import static be.integrationmonitor.producers.support.TestData.nationalNumber;
import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.platform.PlatformTestResource;
import be.integrationmonitor.producers.intake.Intake;
import be.integrationmonitor.producers.partner.PartnerRegistry;
import be.integrationmonitor.producers.pseudonym.Pseudonymiser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The inbox against incomplete files, failing files, racing producer instances, exports that are not
 * UTF-8 and partners that try to act as another through symbolic links; real broker and registry.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class InboxSafetyTest {

    private static final String PROTECTION_TOPIC = "protection-status-changed";
    private static final String PROTECTION_HEADER =
            "rijksregisternummer;beslissing;datum_beslissing;nis_woonplaats;geboortejaar;geslacht;nbmv\n";

    @Inject
    Inbox inbox;
    @Inject
    PartnerRegistry partners;
    @Inject
    Intake intake;
    @Inject
    Pseudonymiser pseudonymiser;

    private static String protectionRows(int count) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < count; i++) {
            rows.append(nationalNumber(false)).append(";toekenning;10/03/2024;21004;1985;V;N\n");
        }
        return rows.toString();
    }

    private static String folderOf(Inbox.FileOutcome outcome) {
        return outcome.movedTo().getParent().getFileName().toString();
    }

    private static String reportOf(Inbox.FileOutcome outcome) throws IOException {
        return Files.readString(Path.of(outcome.movedTo() + Inbox.REPORT_SUFFIX));
    }

    private static Inbox.FileOutcome outcomeOf(List<Inbox.FileOutcome> outcomes, String name) {
        return outcomes.stream().filter(o -> o.movedTo().getFileName().toString().endsWith("-" + name))
                .findFirst().orElseThrow(() -> new AssertionError("no outcome for " + name + ": " + outcomes));
    }

    @Test
    void aFileIsTakenOnceRenamedToCsvWhateverItsModificationTime() throws IOException {
        Path part = drop("immigration-office", "tb-part.csv.part", PROTECTION_HEADER + protectionRows(2));
        assertThat(inbox.scan()).as("still being written").isEmpty();
        assertThat(part).exists();

        Path csv = Files.move(part, part.resolveSibling("tb-part.csv"), StandardCopyOption.ATOMIC_MOVE);
        // a partner's clock ahead of ours: the rename, not a time, says the file is complete
        Files.setLastModifiedTime(csv, FileTime.from(Instant.now().plus(Duration.ofHours(1))));
        List<Inbox.FileOutcome> outcomes = inbox.scan();
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0).accepted()).isEqualTo(2);
        assertThat(folderOf(outcomes.get(0))).isEqualTo(Inbox.PROCESSED);
        assertThat(csv).doesNotExist();
    }

    @Test
    void aFileThatCannotBeReadOrMovedDoesNotBlockTheOthers() throws IOException {
        Path folder = Files.createDirectories(INBOX.resolve("fedasil"));
        Files.createDirectories(folder.resolve("0-folder.csv/inside"));
        drop("fedasil", "1-wrong.csv", "naam;adres\nJan;Kerkstraat 1\n");
        // where the old inbox put failed files: a file there made every scan stop at the first failure
        Path blocker = drop("fedasil", Inbox.FAILED, "not a folder\n");
        drop("fedasil", "2-placements.csv", "numero_registre_national;date;mouvement;type_structure;ins_structure\n"
                + nationalNumber(false) + ";05/01/2024;arrivée;collectif;62063\n");
        try {
            List<Inbox.FileOutcome> outcomes = inbox.scan();
            assertThat(outcomes).hasSize(3);
            Inbox.FileOutcome folderNamedCsv = outcomeOf(outcomes, "0-folder.csv");
            assertThat(folderOf(folderNamedCsv)).isEqualTo(Inbox.FAILED);
            assertThat(reportOf(folderNamedCsv)).contains("0;;not a regular file");
            assertThat(folderOf(outcomeOf(outcomes, "1-wrong.csv"))).isEqualTo(Inbox.FAILED);
            Inbox.FileOutcome next = outcomeOf(outcomes, "2-placements.csv");
            assertThat(folderOf(next)).isEqualTo(Inbox.PROCESSED);
            assertThat(next.accepted()).isEqualTo(1);
        } finally {
            Files.delete(blocker);
        }
    }

    @Test
    void twoInstancesRacingOverTheSameFilesPublishEachRowOnce() throws Exception {
        int files = 12;
        int rowsPerFile = 5;
        for (int i = 0; i < files; i++) {
            drop("immigration-office", "race-" + i + ".csv", PROTECTION_HEADER + protectionRows(rowsPerFile));
        }
        long before = recordsOf(PROTECTION_TOPIC);
        Inbox other = new Inbox(Optional.of(INBOX), Optional.empty(), Duration.ofMinutes(5), Duration.ofSeconds(10),
                partners, intake, pseudonymiser);
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<List<Inbox.FileOutcome>>> scans = Stream.of(inbox, other)
                .map(instance -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return instance.scan();
                })).toList();
        List<Inbox.FileOutcome> outcomes = new ArrayList<>();
        for (CompletableFuture<List<Inbox.FileOutcome>> scan : scans) {
            outcomes.addAll(scan.get());
        }

        assertThat(outcomes).as("each file read by one instance").hasSize(files);
        assertThat(outcomes).allSatisfy(o -> assertThat(o.accepted()).isEqualTo(rowsPerFile));
        assertThat(recordsOf(PROTECTION_TOPIC)).as("each row published once").isEqualTo(before + files * rowsPerFile);
        Path state = INBOX.resolve(Inbox.STATE).resolve("immigration-office");
        for (int i = 0; i < files; i++) {
            String name = "-race-" + i + ".csv";
            assertThat(INBOX.resolve("immigration-office/race-" + i + ".csv")).doesNotExist();
            try (Stream<Path> processed = Files.list(state.resolve(Inbox.PROCESSED));
                 Stream<Path> work = Files.list(state.resolve(Inbox.WORK))) {
                assertThat(processed.filter(p -> p.getFileName().toString().endsWith(name))).hasSize(1);
                assertThat(work.filter(p -> p.getFileName().toString().endsWith(name))).isEmpty();
            }
        }
    }

    @Test
    void aFileClaimedByAnInstanceThatDiedIsReadOnceItsLeaseExpired() throws IOException {
        Path work = Files.createDirectories(
                INBOX.resolve(Inbox.STATE).resolve("immigration-office").resolve(Inbox.WORK));
        long now = System.currentTimeMillis();
        // claims named as an instance names them: <expiry millis>-<attempt>-<token>-<name>
        Files.writeString(work.resolve((now - 1_000) + "-0-0000dead-dead.csv"), PROTECTION_HEADER + protectionRows(1));
        Path alive = Files.writeString(work.resolve((now + 600_000) + "-0-0000a11e-alive.csv"),
                PROTECTION_HEADER + protectionRows(1));
        try {
            List<Inbox.FileOutcome> outcomes = inbox.scan();
            assertThat(outcomes).hasSize(1);
            assertThat(outcomes.get(0).movedTo().getFileName().toString()).endsWith("-0000dead-dead.csv");
            assertThat(outcomes.get(0).accepted()).isEqualTo(1);
            assertThat(alive).as("a live claim is left to its instance").exists();
        } finally {
            Files.delete(alive);
        }
    }

    @Test
    void aWindows1252ExportIsRefusedBeforeAnyRowIsPublished() throws IOException {
        long before = recordsOf(PROTECTION_TOPIC);
        int validRows = 600; // far beyond a reader's first buffer: an export read as it goes publishes these
        String content = PROTECTION_HEADER + protectionRows(validRows)
                + nationalNumber(false) + ";beëindiging;11/03/2024;21004;1985;V;N\n";
        Path folder = Files.createDirectories(INBOX.resolve("immigration-office"));
        Files.write(folder.resolve("tb-cp1252.csv"), content.getBytes(Charset.forName("windows-1252")));

        List<Inbox.FileOutcome> outcomes = inbox.scan();
        assertThat(recordsOf(PROTECTION_TOPIC)).as("nothing of the file published").isEqualTo(before);
        assertThat(outcomes).hasSize(1);
        assertThat(folderOf(outcomes.get(0))).isEqualTo(Inbox.FAILED);
        assertThat(reportOf(outcomes.get(0))).isEqualTo("line;column;reason\n"
                + (validRows + 2) + ";;not UTF-8 (looks like Windows-1252): save as UTF-8\n");
    }

    @Test
    void noSymbolicLinkLetsAPartnerActAsAnotherOrReadAnothersFile() throws IOException {
        long protections = recordsOf(PROTECTION_TOPIC);
        long residences = recordsOf("residence-changed");
        Path own = Files.createDirectories(INBOX.resolve("municipality-21004"));
        Path immigrationOffice = Files.createDirectories(INBOX.resolve("immigration-office"));
        // where the old inbox moved failed files, now pointing to the Immigration Office's folder
        Path failedLink = Files.createSymbolicLink(own.resolve(Inbox.FAILED), Path.of("../immigration-office"));
        drop("municipality-21004", "protection.csv", PROTECTION_HEADER + protectionRows(2));
        // a file of another partner's folder, not meant for the inbox, in this municipality's format
        Path foreign = drop("fedasil", "mutaties.txt", "rijksregisternummer;datum_mutatie;type_mutatie\n"
                + nationalNumber(false) + ";02/02/2024;IN\n");
        Files.createSymbolicLink(own.resolve("link.csv"), Path.of("../fedasil/mutaties.txt"));
        try {
            List<Inbox.FileOutcome> outcomes = new ArrayList<>(inbox.scan());
            outcomes.addAll(inbox.scan());

            assertThat(outcomes).hasSize(2);
            Inbox.FileOutcome notItsFormat = outcomeOf(outcomes, "protection.csv");
            assertThat(notItsFormat.movedTo()).hasParent(
                    INBOX.resolve(Inbox.STATE).resolve("municipality-21004").resolve(Inbox.FAILED));
            Inbox.FileOutcome link = outcomeOf(outcomes, "link.csv");
            assertThat(folderOf(link)).isEqualTo(Inbox.FAILED);
            assertThat(reportOf(link)).contains("a symbolic link: links are never followed");
            try (Stream<Path> files = Files.list(immigrationOffice)) {
                assertThat(files.filter(p -> p.getFileName().toString().endsWith("protection.csv"))).isEmpty();
            }
            assertThat(recordsOf(PROTECTION_TOPIC)).as("nothing published as the Immigration Office")
                    .isEqualTo(protections);
            assertThat(recordsOf("residence-changed")).as("nothing read through the link").isEqualTo(residences);
            assertThat(foreign).as("the link's target untouched").exists();
        } finally {
            Files.delete(failedLink);
            Files.delete(foreign);
        }
    }
}
