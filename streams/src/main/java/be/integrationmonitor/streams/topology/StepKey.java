package be.integrationmonitor.streams.topology;

/**
 * The key of one step in the series-steps store: {@code series|component|period}, the period
 * zero-padded to six digits (weeks until the year 21,000) so that a series' steps sort by
 * component, then period.
 */
record StepKey(String series, String component, int period) {

    String format() {
        String digits = Integer.toString(period); // String.format cost more than the store write
        return series + "|" + component + "|" + "000000".substring(Math.min(6, digits.length())) + digits;
    }

    static StepKey parse(String key) {
        int last = key.lastIndexOf('|');
        int first = key.indexOf('|');
        return new StepKey(key.substring(0, first), key.substring(first + 1, last), Integer.parseInt(key.substring(last + 1)));
    }
}
