package be.integrationmonitor.streams.topology;

import be.integrationmonitor.periods.Granularity;

/** One indicator for one geo unit at one granularity: {@code indicator/granularity/geo}. */
record SeriesKey(String indicator, Granularity granularity, String geo) {

    static SeriesKey parse(String key) {
        String[] parts = key.split("/", -1);
        return new SeriesKey(parts[0], Granularity.byId(parts[1]).orElseThrow(), parts[2]);
    }

    /** The key of a series' cell in a period, as the indicators topic has it: {@code indicator/granularity/geo/period}. */
    static String cell(String seriesKey, String period) {
        return seriesKey + "/" + period;
    }
}
