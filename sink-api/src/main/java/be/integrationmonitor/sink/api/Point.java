package be.integrationmonitor.sink.api;

/** One period of a series; a suppressed value is null. */
public record Point(String period, Double value, boolean suppressed) {
}
