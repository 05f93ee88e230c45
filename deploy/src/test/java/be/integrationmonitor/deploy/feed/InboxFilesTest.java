package be.integrationmonitor.deploy.feed;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.deploy.SyntheticFeed;
import be.integrationmonitor.deploy.SyntheticFeed.PartnerEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feed as partner-native files: one file per partner in its inbox folder, one row per event. */
class InboxFilesTest {

    @Test
    void everyPartnerGetsItsOwnFileWithItsFormatAndOneRowPerEvent(@TempDir Path inbox) throws IOException {
        List<PartnerEvent> events = new SyntheticFeed(3, LocalDate.of(2022, 1, 1), LocalDate.of(2024, 12, 31))
                .persons(0, 300);
        List<Path> files = InboxFiles.write(inbox, "batch-1", events);

        assertThat(files).hasSize((int) events.stream().map(PartnerEvent::partner).distinct().count())
                .allMatch(f -> f.getFileName().toString().equals("batch-1.csv"));
        assertThat(inbox.resolve("batch-1.csv.part")).doesNotExist();
        long rows = 0;
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            rows += lines.size() - 1;
            String partner = file.getParent().getFileName().toString();
            assertThat(lines.get(0)).startsWith(switch (partner.replaceAll("-\\d+$", "")) {
                case "immigration-office" -> "Rijksregisternummer;Beslissing;";
                case "municipality" -> "Rijksregisternummer;\"Datum mutatie\"";
                case "ocmw" -> "Dossiernummer;Rijksregisternummer;";
                default -> "Rijksregisternummer;Datum;Beweging;";
            });
        }
        assertThat(rows).isEqualTo(events.size());
        PartnerEvent grant = events.get(0);
        String number = (String) grant.event().get("nationalNumber");
        assertThat(Files.readString(inbox.resolve(grant.partner()).resolve("batch-1.csv")))
                .contains("\"" + number.substring(0, 2) + "." + number.substring(2, 4) + "." + number.substring(4, 6)
                        + "-" + number.substring(6, 9) + "." + number.substring(9) + "\"");
    }

    @Test
    void amountsAndDatesAreWrittenTheBelgianWay() {
        String[] row = InboxFiles.row(java.util.Map.of("type", "IncomeSupportDecided", "nationalNumber", "85073003328",
                "effectiveDate", "2023-04-03", "municipality", "44021", "supportType", "INTEGRATION_INCOME",
                "decision", "GRANTED", "category", "SINGLE", "monthlyAmountCents", 126_317L), 12);
        assertThat(row).containsExactly("D-2023-12", "85.07.30-033.28", "03/04/2023", "leefloon", "toegekend",
                "alleenstaand", "1.263,17");
    }
}
