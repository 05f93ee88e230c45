package be.integrationmonitor.indicators;

import be.integrationmonitor.periods.Granularity;
import java.util.Map;
import java.util.Set;

/**
 * One indicator of the catalogue.
 *
 * @param kind          stock, flow, ratio or rolling, as in docs/domain.md
 * @param names         by language: nl, fr, en
 * @param decimals      how many decimals the value is rounded to
 * @param granularities the granularities it exists for
 */
public record IndicatorDefinition(String id, String kind, String unit, Map<String, String> names, String definition,
                                  DisclosureRule disclosure, int decimals, Set<Granularity> granularities) {
}
