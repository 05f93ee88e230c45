package be.integrationmonitor.sink.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/snapshot}: every indicator for every unit of a level in one period.
 *
 * @param rows per unit: its name (Dutch / French where they differ) and each indicator's value
 */
public record Snapshot(String level, String granularity, String period, List<String> indicators, List<Row> rows) {

    public record Row(String geo, String name, Map<String, Value> values) {
    }

    /** A value, null when withheld ({@code suppressed}) or undefined; its SDMX flags as in {@link Point}. */
    public record Value(Double value, boolean suppressed,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String confStatus, String obsStatus) {
    }
}
