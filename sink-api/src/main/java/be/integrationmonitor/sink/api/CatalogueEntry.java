package be.integrationmonitor.sink.api;

import be.integrationmonitor.indicators.IndicatorDefinition;
import be.integrationmonitor.periods.Granularity;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code GET /v1/indicators}: one indicator of the catalogue. */
public record CatalogueEntry(String id, Map<String, String> names, String kind, String unit, String definition,
                             int decimals, List<String> granularities, String disclosure) {

    static CatalogueEntry of(IndicatorDefinition d) {
        return new CatalogueEntry(d.id(), d.names(), d.kind().id(), d.unit(), d.definition(), d.decimals(),
                d.granularities().stream().sorted().map(Granularity::id).toList(),
                d.disclosure().name().toLowerCase(Locale.ROOT));
    }
}
