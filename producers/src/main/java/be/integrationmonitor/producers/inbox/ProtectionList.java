package be.integrationmonitor.producers.inbox;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.producers.partner.Partner;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** The Immigration Office's daily list of temporary-protection decisions (DVZ / OE). */
final class ProtectionList extends NativeFormat {

    static final Column DECISION = new Column("status", "beslissing", "decision");
    static final Column DATE = new Column("effectiveDate", "datum beslissing", "date decision");
    static final Column RESIDENCE = new Column("municipality", "nis woonplaats", "ins residence");
    static final Column BIRTH_YEAR = new Column("birthYear", "geboortejaar", "annee naissance");
    static final Column SEX = new Column("sex", "geslacht", "sexe");
    static final Column UNACCOMPANIED = new Column("unaccompaniedMinor", "nbmv", "mena");

    private static final Map<String, String> DECISIONS = codes(
            "toekenning", "GRANTED", "beeindiging", "ENDED", "octroi", "GRANTED", "fin", "ENDED");
    private static final Map<String, String> SEXES = codes("V", "F", "F", "F", "M", "M", "X", "X");
    private static final Map<String, String> YES_NO = codes("J", "true", "O", "true", "N", "false");

    @Override
    List<Column> columns() {
        return List.of(NATIONAL_NUMBER, DECISION, DATE, RESIDENCE, BIRTH_YEAR, SEX, UNACCOMPANIED);
    }

    @Override
    RowResult map(Row row, Partner partner) {
        ObjectNode event = event(EventType.PROTECTION_STATUS_CHANGED.name())
                .put(NATIONAL_NUMBER.field(), row.text(NATIONAL_NUMBER))
                .put(DATE.field(), row.date(DATE))
                .put(RESIDENCE.field(), row.text(RESIDENCE))
                .put(DECISION.field(), row.code(DECISION, DECISIONS))
                .put(BIRTH_YEAR.field(), row.integer(BIRTH_YEAR))
                .put(SEX.field(), row.code(SEX, SEXES))
                .put(UNACCOMPANIED.field(), Boolean.valueOf(row.code(UNACCOMPANIED, YES_NO)));
        return new RowResult.Event(event);
    }
}
