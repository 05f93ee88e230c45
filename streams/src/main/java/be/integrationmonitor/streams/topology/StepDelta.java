package be.integrationmonitor.streams.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of a record on the series-steps topic, whose key is the column
 * ({@code indicator/granularity}) and whose value is the steps of one event in that column,
 * {@code municipality|component|period|delta} separated by {@code ;}. The series stage rolls the
 * municipality up to its province, region and country itself.
 */
record StepDelta(String municipality, String component, int period, long delta) {

    /** Appends a step to a record value. */
    static void append(StringBuilder value, String municipality, String component, int period, long delta) {
        if (!value.isEmpty()) {
            value.append(';');
        }
        value.append(municipality).append('|').append(component).append('|').append(period).append('|').append(delta);
    }

    /** The steps of a record value. */
    static List<StepDelta> parseAll(String value) {
        List<StepDelta> steps = new ArrayList<>();
        for (int start = 0; start < value.length(); ) {
            int end = value.indexOf(';', start);
            steps.add(parse(value.substring(start, end < 0 ? value.length() : end)));
            start = end < 0 ? value.length() : end + 1;
        }
        return steps;
    }

    private static StepDelta parse(String step) {
        int first = step.indexOf('|');
        int third = step.lastIndexOf('|');
        int second = step.lastIndexOf('|', third - 1);
        return new StepDelta(step.substring(0, first), step.substring(first + 1, second),
                Integer.parseInt(step.substring(second + 1, third)), Long.parseLong(step.substring(third + 1)));
    }
}
