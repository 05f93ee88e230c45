package be.integrationmonitor.indicators;

import be.integrationmonitor.periods.Granularity;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one indicator is, as the catalogue (GET /v1/indicators) and disclosure control read it.
 *
 * @param names         by language: nl, fr, en
 * @param definition    the precise definition, in English
 * @param decimals      how many decimals the value is rounded to
 * @param granularities the granularities it exists for
 * @param relations     how its cells stand to other indicators' cells
 */
public record IndicatorDefinition(String id, Kind kind, String unit, Map<String, String> names, String definition,
                                  DisclosureRule disclosure, int decimals, Set<Granularity> granularities,
                                  List<Relation> relations) {

    /** Every granularity: weeks and months. */
    public static final Set<Granularity> ALL_GRANULARITIES = EnumSet.allOf(Granularity.class);

    public IndicatorDefinition {
        names = Map.copyOf(names);
        granularities = Set.copyOf(granularities);
        relations = List.copyOf(relations);
    }

    /** A whole number of persons or events, for weeks and months, protected as a count. */
    public static IndicatorDefinition count(String id, Kind kind, String unit, Map<String, String> names,
                                            String definition, Relation... relations) {
        return new IndicatorDefinition(id, kind, unit, names, definition, DisclosureRule.COUNT, 0, ALL_GRANULARITIES,
                List.of(relations));
    }

    public static Map<String, String> names(String nl, String fr, String en) {
        return Map.of("nl", nl, "fr", fr, "en", en);
    }
}
