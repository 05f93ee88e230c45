package be.integrationmonitor.sink.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One cell as a viewer sees it: a withheld value is null with {@code suppressed}; an undefined one
 * (a ratio over 0, a median over nobody) is null without. The SDMX flags (docs/api.md):
 * {@code confStatus} for the public, F free, A withheld by the primary rule, D withheld to protect
 * another cell; {@code obsStatus} A normal, P provisional. {@code count} for analysts only.
 */
public record Point(String period, Double value, boolean suppressed,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String confStatus, String obsStatus,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Long count) {
}
