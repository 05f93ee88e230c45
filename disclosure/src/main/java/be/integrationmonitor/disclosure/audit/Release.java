package be.integrationmonitor.disclosure.audit;

import be.integrationmonitor.indicators.IndicatorDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A release as the audit sees it: every cell's exact value (the analysts' view), the cells withheld
 * from the public, the geo hierarchy and the indicators (their kinds and relations).
 */
public record Release(Map<Cell, Double> values, Set<Cell> withheld, GeoHierarchy geo,
                      List<IndicatorDefinition> indicators) {

    public Release {
        values = Map.copyOf(values);
        withheld = Set.copyOf(withheld);
        indicators = List.copyOf(indicators);
    }

    public IndicatorDefinition indicator(String id) {
        return indicators.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no indicator " + id + " in the release"));
    }
}
