package be.integrationmonitor.deploy.feed;

import be.integrationmonitor.deploy.SyntheticFeed.PartnerEvent;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes events as the partners' own exports, in the inbox layout the producers read:
 * {@code <dir>/<partner id>/<name>.csv}, in the Dutch variant of the formats of docs/partners.md
 * (';'-separated, dates dd/MM/yyyy, amounts with a decimal comma). A file is written under a
 * temporary name and then renamed, so the producers never pick up half a file. The producers give
 * each row a keyed eventId of its own, so re-dropping the same file publishes nothing twice.
 */
public final class InboxFiles {

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SEMICOLON = CsvSchema.emptySchema().withColumnSeparator(';');
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final Map<String, String> AIDS = Map.of(
            "INTEGRATION_INCOME", "leefloon", "EQUIVALENT_INCOME", "equivalent leefloon",
            "RENTAL_GUARANTEE", "huurwaarborg", "INSTALLATION_PREMIUM", "installatiepremie",
            "ENERGY_ALLOWANCE", "energietoelage", "OTHER_HOUSING_COST", "andere huisvestingskosten");
    private static final Map<String, String> DECISIONS = Map.of(
            "GRANTED", "toegekend", "STOPPED", "stopgezet", "REFUSED", "geweigerd");
    private static final Map<String, String> CATEGORIES = Map.of(
            "COHABITANT", "samenwonend", "SINGLE", "alleenstaand", "FAMILY", "gezinslast");
    private static final Map<String, String> STRUCTURES = Map.of(
            "COLLECTIVE_CENTRE", "collectief", "LOCAL_RECEPTION_INITIATIVE", "LOI", "EMERGENCY_SHELTER", "noodopvang");

    private InboxFiles() {
    }

    /** Writes one file per partner named {@code <name>.csv}; returns the files written. */
    public static List<Path> write(Path dir, String name, List<PartnerEvent> events) {
        Map<String, List<PartnerEvent>> byPartner = new LinkedHashMap<>();
        events.forEach(e -> byPartner.computeIfAbsent(e.partner(), p -> new ArrayList<>()).add(e));
        List<Path> files = new ArrayList<>();
        byPartner.forEach((partner, partnerEvents) -> files.add(writeFile(dir.resolve(partner), name, partnerEvents)));
        return files;
    }

    private static Path writeFile(Path folder, String name, List<PartnerEvent> events) {
        try {
            Files.createDirectories(folder);
            Path part = folder.resolve(name + ".csv.part");
            try (Writer out = Files.newBufferedWriter(part, StandardCharsets.UTF_8);
                 SequenceWriter rows = CSV.writer(SEMICOLON).writeValues(out)) {
                rows.write(header(events.get(0).type()));
                for (int i = 0; i < events.size(); i++) {
                    rows.write(row(events.get(i).event(), i + 1));
                }
            }
            return Files.move(part, folder.resolve(name + ".csv"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header of the partner's format; a partner's events all have the same format. */
    static String[] header(String type) {
        return switch (type) {
            case "ProtectionStatusChanged" -> new String[] {"Rijksregisternummer", "Beslissing", "Datum beslissing",
                "NIS woonplaats", "Geboortejaar", "Geslacht", "NBMV"};
            case "ResidenceChanged" -> new String[] {"Rijksregisternummer", "Datum mutatie", "Type mutatie"};
            case "IncomeSupportDecided", "HousingAidGranted" -> new String[] {"Dossiernummer", "Rijksregisternummer",
                "Beslissingsdatum", "Soort hulp", "Beslissing", "Categorie", "Bedrag"};
            case "ReceptionPlacementChanged" -> new String[] {"Rijksregisternummer", "Datum", "Beweging",
                "Type structuur", "NIS structuur"};
            default -> throw new IllegalArgumentException("no native format for " + type);
        };
    }

    static String[] row(Map<String, Object> event, int line) {
        String number = formatted((String) event.get("nationalNumber"));
        String date = LocalDate.parse((String) event.get("effectiveDate")).format(DATE);
        return switch ((String) event.get("type")) {
            case "ProtectionStatusChanged" -> new String[] {number,
                "GRANTED".equals(event.get("status")) ? "toekenning" : "beëindiging", date,
                (String) event.get("municipality"), String.valueOf(event.get("birthYear")),
                "F".equals(event.get("sex")) ? "V" : (String) event.get("sex"),
                Boolean.TRUE.equals(event.get("unaccompaniedMinor")) ? "J" : "N"};
            case "ResidenceChanged" -> new String[] {number, date, "IN"};
            case "IncomeSupportDecided" -> new String[] {fileNumber(date, line), number, date,
                AIDS.get((String) event.get("supportType")), DECISIONS.get((String) event.get("decision")),
                CATEGORIES.get((String) event.get("category")), euro(((Number) event.get("monthlyAmountCents")).longValue())};
            case "HousingAidGranted" -> new String[] {fileNumber(date, line), number, date,
                AIDS.get((String) event.get("aidType")), DECISIONS.get("GRANTED"), "",
                euro(((Number) event.get("amountCents")).longValue())};
            case "ReceptionPlacementChanged" -> new String[] {number, date,
                "ENTERED".equals(event.get("placement")) ? "aankomst" : "vertrek",
                STRUCTURES.get((String) event.get("structureType")), (String) event.get("municipality")};
            default -> throw new IllegalArgumentException("no native format for " + event.get("type"));
        };
    }

    /** As partners often write it: 85.07.30-033.28. */
    private static String formatted(String number) {
        return number.substring(0, 2) + "." + number.substring(2, 4) + "." + number.substring(4, 6) + "-"
                + number.substring(6, 9) + "." + number.substring(9);
    }

    private static String fileNumber(String date, int line) {
        return "D-" + date.substring(6) + "-" + line;
    }

    /** Euro with thousands dots and a decimal comma: 1.263,17. */
    private static String euro(long cents) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.GERMANY));
        return format.format(BigDecimal.valueOf(cents, 2));
    }
}
