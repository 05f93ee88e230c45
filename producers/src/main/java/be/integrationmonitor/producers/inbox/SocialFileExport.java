package be.integrationmonitor.producers.inbox;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.producers.partner.Partner;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * An OCMW / CPAS social-file export: one decision a row, income support (leefloon / revenu
 * d'intégration and its equivalent) or housing aid. Refused or stopped housing aid is not an event.
 */
final class SocialFileExport extends NativeFormat {

    static final Column FILE_NUMBER = new Column("fileNumber", "dossiernummer", "numero dossier");
    static final Column DATE = new Column("effectiveDate", "beslissingsdatum", "date decision");
    static final Column AID = new Column("aid", "soort hulp", "type aide");
    static final Column DECISION = new Column("decision", "beslissing", "decision");
    static final Column CATEGORY = new Column("category", "categorie", "categorie");
    static final Column AMOUNT = new Column("amount", "bedrag", "montant");

    private static final Map<String, String> AIDS = codes(
            "leefloon", "INTEGRATION_INCOME", "revenu d'integration", "INTEGRATION_INCOME",
            "equivalent leefloon", "EQUIVALENT_INCOME", "aide sociale equivalente", "EQUIVALENT_INCOME",
            "huurwaarborg", "RENTAL_GUARANTEE", "garantie locative", "RENTAL_GUARANTEE",
            "installatiepremie", "INSTALLATION_PREMIUM", "prime d'installation", "INSTALLATION_PREMIUM",
            "energietoelage", "ENERGY_ALLOWANCE", "allocation energie", "ENERGY_ALLOWANCE",
            "andere huisvestingskosten", "OTHER_HOUSING_COST", "autres frais de logement", "OTHER_HOUSING_COST");
    private static final Map<String, String> DECISIONS = codes(
            "toegekend", "GRANTED", "stopgezet", "STOPPED", "geweigerd", "REFUSED",
            "octroi", "GRANTED", "arret", "STOPPED", "refus", "REFUSED");
    private static final Map<String, String> CATEGORIES = codes(
            "samenwonend", "COHABITANT", "alleenstaand", "SINGLE", "gezinslast", "FAMILY",
            "cohabitant", "COHABITANT", "isole", "SINGLE", "famille a charge", "FAMILY");

    @Override
    List<Column> columns() {
        return List.of(FILE_NUMBER, NATIONAL_NUMBER, DATE, AID, DECISION, CATEGORY, AMOUNT);
    }

    @Override
    RowResult map(Row row, Partner partner) {
        String aid = row.code(AID, AIDS);
        String decision = row.code(DECISION, DECISIONS);
        boolean income = aid != null && aid.endsWith("_INCOME");
        if (aid != null && !income && decision != null && !decision.equals("GRANTED")) {
            return new RowResult.Skipped("housing aid not granted");
        }
        ObjectNode event = event(income ? EventType.INCOME_SUPPORT_DECIDED.name() : EventType.HOUSING_AID_GRANTED.name())
                .put(NATIONAL_NUMBER.field(), row.text(NATIONAL_NUMBER))
                .put(DATE.field(), row.date(DATE))
                .put("municipality", partner.municipality().orElseThrow());
        if (income) {
            event.put("supportType", aid).put("decision", decision)
                    .put("category", row.code(CATEGORY, CATEGORIES))
                    .put("monthlyAmountCents", row.cents(AMOUNT));
        } else {
            event.put("aidType", aid).put("amountCents", row.cents(AMOUNT));
        }
        return new RowResult.Event(event);
    }
}
