package be.integrationmonitor.sink.state;

/** One series: an indicator for a geo unit at a granularity. */
public record SeriesKey(String indicator, String granularity, String geo) {
}
