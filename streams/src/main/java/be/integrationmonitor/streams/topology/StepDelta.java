package be.integrationmonitor.streams.topology;

/** The value of a record on the series-steps topic: {@code component|period|delta}. */
record StepDelta(String component, int period, long delta) {

    static String format(String component, int period, long delta) {
        return component + "|" + period + "|" + delta;
    }

    static StepDelta parse(String value) {
        int second = value.lastIndexOf('|');
        int first = value.lastIndexOf('|', second - 1);
        return new StepDelta(value.substring(0, first), Integer.parseInt(value.substring(first + 1, second)),
                Long.parseLong(value.substring(second + 1)));
    }
}
