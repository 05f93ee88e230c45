package be.integrationmonitor.sink.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One cell as a viewer sees it: a withheld value is null with {@code suppressed}; an undefined one
 * (a ratio over 0, a median over nobody) is null without. {@code count} for analysts only.
 */
public record Point(String period, Double value, boolean suppressed,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Long count) {
}
