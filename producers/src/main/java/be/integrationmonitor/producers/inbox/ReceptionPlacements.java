package be.integrationmonitor.producers.inbox;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.producers.partner.Partner;
import java.util.List;
import java.util.Map;

/** Fedasil's reception placements: arrivals in and departures from reception structures. */
final class ReceptionPlacements extends NativeFormat {

    static final Column DATE = new Column("effectiveDate", "datum", "date");
    static final Column MOVEMENT = new Column("placement", "beweging", "mouvement");
    static final Column STRUCTURE = new Column("structureType", "type structuur", "type structure");
    static final Column LOCATION = new Column("municipality", "nis structuur", "ins structure");

    private static final Map<String, String> MOVEMENTS = codes(
            "aankomst", "ENTERED", "vertrek", "LEFT", "arrivee", "ENTERED", "depart", "LEFT");
    private static final Map<String, String> STRUCTURES = codes(
            "collectief", "COLLECTIVE_CENTRE", "collectif", "COLLECTIVE_CENTRE",
            "LOI", "LOCAL_RECEPTION_INITIATIVE", "ILA", "LOCAL_RECEPTION_INITIATIVE",
            "noodopvang", "EMERGENCY_SHELTER", "urgence", "EMERGENCY_SHELTER");

    @Override
    List<Column> columns() {
        return List.of(NATIONAL_NUMBER, DATE, MOVEMENT, STRUCTURE, LOCATION);
    }

    @Override
    RowResult map(Row row, Partner partner) {
        return new RowResult.Event(event(EventType.RECEPTION_PLACEMENT_CHANGED.name())
                .put(NATIONAL_NUMBER.field(), row.text(NATIONAL_NUMBER))
                .put(DATE.field(), row.date(DATE))
                .put(LOCATION.field(), row.text(LOCATION))
                .put(MOVEMENT.field(), row.code(MOVEMENT, MOVEMENTS))
                .put(STRUCTURE.field(), row.code(STRUCTURE, STRUCTURES)));
    }
}
