package be.integrationmonitor.disclosure.audit;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A release as the audit sees it: every cell's exact value (the analysts' view), the cells withheld
 * from the public, the geo hierarchy and how the indicators relate.
 */
public record Release(Map<Cell, Double> values, Set<Cell> withheld, GeoHierarchy geo, List<Linkage> indicators) {

    public Release {
        values = Map.copyOf(values);
        withheld = Set.copyOf(withheld);
        indicators = List.copyOf(indicators);
    }

    Linkage linkage(String indicator) {
        return indicators.stream().filter(l -> l.indicator().equals(indicator)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no linkage for " + indicator));
    }
}
