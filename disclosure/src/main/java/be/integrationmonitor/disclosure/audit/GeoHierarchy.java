package be.integrationmonitor.disclosure.audit;

import java.util.List;
import java.util.Map;

/** Each geo unit that is the exact sum of others: parent code → its children's codes. */
public record GeoHierarchy(Map<String, List<String>> children) {

    public GeoHierarchy {
        children = Map.copyOf(children);
    }
}
