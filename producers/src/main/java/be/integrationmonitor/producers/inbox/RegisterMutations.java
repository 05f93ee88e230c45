package be.integrationmonitor.producers.inbox;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.producers.partner.Partner;
import java.util.List;
import java.util.Map;

/**
 * A municipality's population-register mutations: an entry (IN / INS) in the register makes the
 * municipality the person's residence; address changes within it and departures are not events
 * here (the municipality the person moves to reports the entry).
 */
final class RegisterMutations extends NativeFormat {

    static final Column DATE = new Column("effectiveDate", "datum mutatie", "date mutation");
    static final Column MUTATION = new Column("mutation", "type mutatie", "type mutation");

    private static final Map<String, String> MUTATIONS = codes(
            "IN", "entry", "INS", "entry", "ADR", "address", "UIT", "departure", "RAD", "departure");

    @Override
    List<Column> columns() {
        return List.of(NATIONAL_NUMBER, DATE, MUTATION);
    }

    @Override
    RowResult map(Row row, Partner partner) {
        String mutation = row.code(MUTATION, MUTATIONS);
        if (mutation != null && !mutation.equals("entry")) {
            return new RowResult.Skipped(mutation);
        }
        return new RowResult.Event(event(EventType.RESIDENCE_CHANGED.name())
                .put(NATIONAL_NUMBER.field(), row.text(NATIONAL_NUMBER))
                .put(DATE.field(), row.date(DATE))
                .put("municipality", partner.municipality().orElseThrow()));
    }
}
