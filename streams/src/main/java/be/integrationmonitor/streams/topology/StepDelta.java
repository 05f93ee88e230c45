package be.integrationmonitor.streams.topology;

/**
 * The value of a record on the series-steps topic, whose key is the column
 * ({@code indicator/granularity}): {@code municipality|component|period|delta}. The series stage
 * rolls the municipality up to its province, region and country itself.
 */
record StepDelta(String municipality, String component, int period, long delta) {

    String format() {
        return municipality + "|" + component + "|" + period + "|" + delta;
    }

    static StepDelta parse(String value) {
        int first = value.indexOf('|');
        int third = value.lastIndexOf('|');
        int second = value.lastIndexOf('|', third - 1);
        return new StepDelta(value.substring(0, first), value.substring(first + 1, second),
                Integer.parseInt(value.substring(second + 1, third)), Long.parseLong(value.substring(third + 1)));
    }
}
