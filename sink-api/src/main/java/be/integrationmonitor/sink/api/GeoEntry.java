package be.integrationmonitor.sink.api;

import be.integrationmonitor.geo.GeoUnit;
import java.util.Map;

/** {@code GET /v1/geo}: one geo unit; {@code parent} is the unit its figures add up into (null for Belgium). */
public record GeoEntry(String code, String level, Map<String, String> names, String parent) {

    static GeoEntry of(GeoUnit unit) {
        return new GeoEntry(unit.code(), unit.level().id(), Map.of("nl", unit.nameNl(), "fr", unit.nameFr()),
                unit.parent());
    }
}
