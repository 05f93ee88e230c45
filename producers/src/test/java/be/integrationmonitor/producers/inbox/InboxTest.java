package be.integrationmonitor.producers.inbox;

import static be.integrationmonitor.producers.support.TestData.countContaining;
import static be.integrationmonitor.producers.support.TestData.formatted;
import static be.integrationmonitor.producers.support.TestData.nationalNumber;
import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.platform.PlatformTestResource;
import be.integrationmonitor.producers.support.TestData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Partner-native files dropped in the inbox, published through the real broker and registry. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class InboxTest {

    static final Path INBOX = Path.of("target/test-inbox");

    @Inject
    Inbox inbox;

    static Path drop(String partner, String name, String content) throws IOException {
        Path folder = Files.createDirectories(INBOX.resolve(partner));
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Inbox.FileOutcome scanOne() {
        List<Inbox.FileOutcome> outcomes = inbox.scan();
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }

    static long recordsOf(String topic) {
        return TestData.records(LocalPlatform.shared().bootstrapServers(), topic).size();
    }

    @Test
    void anOcmwExportInDutchIsPublishedAndMovedToProcessed() throws IOException {
        long before = recordsOf("income-support-decided") + recordsOf("housing-aid-granted");
        drop("ocmw-44021", "export-nl.csv", "\uFEFFDossiernummer;Rijksregisternummer;Beslissingsdatum;Soort hulp;"
                + "Beslissing;Categorie;Bedrag\n"
                + "D-1;" + formatted(nationalNumber(false)) + ";03/04/2023;Leefloon;toegekend;alleenstaand;1.263,17\n"
                + "D-2;" + nationalNumber(true) + ";15/05/2023;Equivalent leefloon;Stopgezet;gezinslast;1.707,20\n"
                + "D-3;" + nationalNumber(false) + ";20/06/2023;Huurwaarborg;toegekend;;1.500,00\n"
                + "D-4;" + nationalNumber(false) + ";21/06/2023;Energietoelage;geweigerd;;100\n");
        Inbox.FileOutcome outcome = scanOne();
        assertThat(outcome.accepted()).isEqualTo(3);
        assertThat(outcome.skipped()).as("refused housing aid is no event").isEqualTo(1);
        assertThat(outcome.movedTo().getParent().getFileName().toString()).isEqualTo(Inbox.PROCESSED);
        assertThat(outcome.movedTo().getFileName().toString()).endsWith("-export-nl.csv");
        assertThat(outcome.movedTo()).as("outside the partner's folder").hasParent(
                INBOX.resolve(Inbox.STATE).resolve("ocmw-44021").resolve(Inbox.PROCESSED));
        assertThat(Files.exists(INBOX.resolve("ocmw-44021/export-nl.csv"))).isFalse();
        assertThat(Path.of(outcome.movedTo() + Inbox.REPORT_SUFFIX)).doesNotExist();
        assertThat(recordsOf("income-support-decided") + recordsOf("housing-aid-granted")).isEqualTo(before + 3);
    }

    @Test
    void badRowsOfAFrenchExportAreReportedByLineAndColumnWithoutValues() throws IOException {
        String wrongNumber = "85073003300";
        drop("ocmw-44021", "export-fr.csv", "numéro_dossier;numéro_registre_national;date_décision;type_aide;"
                + "décision;catégorie;montant\n"
                + "F-1;" + nationalNumber(false) + ";03/04/2023;Revenu d'intégration;octroi;isolé;1.263,17\n"
                + "F-2;" + wrongNumber + ";03/04/2023;Revenu d'intégration;octroi;isolé;1.263,17\n"
                + "F-3;" + nationalNumber(false) + ";2023-04-03;Revenu d'intégration;octroi;isolé;1.263,17\n"
                + "F-4;" + nationalNumber(false) + ";03/04/2023;Revenu d'intégration;octroi;isolé;12.63.17\n"
                + "F-5;" + nationalNumber(false) + ";03/04/2021;Garantie locative;octroi;;900\n");
        Inbox.FileOutcome outcome = scanOne();
        assertThat(outcome.accepted()).isEqualTo(1);
        assertThat(outcome.rejected()).isEqualTo(4);
        assertThat(outcome.movedTo().getParent().getFileName().toString()).isEqualTo(Inbox.PROCESSED);
        List<String> report = Files.readAllLines(Path.of(outcome.movedTo() + Inbox.REPORT_SUFFIX));
        assertThat(report).hasSize(5).first().isEqualTo("line;column;reason");
        assertThat(report.get(1)).startsWith("3;numéro_registre_national;not a valid national register number");
        assertThat(report.get(2)).startsWith("4;date_décision;must be a date dd/MM/yyyy");
        assertThat(report.get(3)).startsWith("5;montant;must be an amount in euro");
        assertThat(report.get(4)).startsWith("6;date_décision;must be between 2022-01-01");
        assertThat(String.join("\n", report)).doesNotContain(wrongNumber, "2023-04-03", "12.63.17");
    }

    @Test
    void aReDroppedFilePublishesNothingTwice() throws IOException {
        String content = "rijksregisternummer;beslissing;datum_beslissing;nis_woonplaats;geboortejaar;geslacht;nbmv\n"
                + nationalNumber(false) + ";toekenning;10/03/2024;21004;1985;V;N\n"
                + nationalNumber(true) + ";Beëindiging;11/03/2024;11002;2008;M;J\n";
        drop("immigration-office", "tb-20240311.csv", content);
        assertThat(scanOne().accepted()).isEqualTo(2);
        long published = recordsOf("protection-status-changed");
        drop("immigration-office", "tb-20240311.csv", content);
        Inbox.FileOutcome again = scanOne();
        assertThat(again.accepted()).isZero();
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(again.movedTo().getParent().getFileName().toString()).isEqualTo(Inbox.PROCESSED);
        assertThat(recordsOf("protection-status-changed")).isEqualTo(published);
    }

    @Test
    void municipalityEntriesAndFedasilPlacementsArePublished() throws IOException {
        String entered = nationalNumber(false);
        drop("municipality-21004", "mutaties.csv", "rijksregisternummer;datum_mutatie;type_mutatie\n"
                + entered + ";02/02/2024;IN\n" + nationalNumber(false) + ";03/02/2024;ADR\n");
        Inbox.FileOutcome register = scanOne();
        assertThat(register.accepted()).isEqualTo(1);
        assertThat(register.skipped()).isEqualTo(1);
        drop("fedasil", "placements.csv", "numero_registre_national;date;mouvement;type_structure;ins_structure\n"
                + entered + ";05/01/2024;arrivée;collectif;62063\n" + entered + ";01/02/2024;départ;collectif;62063\n");
        assertThat(scanOne().accepted()).isEqualTo(2);
    }

    @Test
    void anUnreadableFileGoesToFailedWithTheReason() throws IOException {
        drop("ocmw-44021", "wrong.csv", "naam;adres\nJan;Kerkstraat 1\n");
        Inbox.FileOutcome outcome = scanOne();
        assertThat(outcome.movedTo().getParent().getFileName().toString()).isEqualTo(Inbox.FAILED);
        assertThat(Files.readString(Path.of(outcome.movedTo() + Inbox.REPORT_SUFFIX)))
                .contains("0;;missing columns: dossiernummer / numero_dossier");
    }
}
