package be.integrationmonitor.streams.reference;

/** A cell's value as the indicators topic carries it. */
public record Expected(Double value, long count, Long numerator) {
}
