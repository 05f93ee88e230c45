package be.integrationmonitor.indicators;

/**
 * An indicator's value in one cell, with what disclosure control reads.
 *
 * @param value     the exact value, rounded to the indicator's decimals; null when undefined
 * @param count     what the value is computed over (see IndicatorValue.count)
 * @param numerator for a ratio, its numerator; otherwise null
 */
public record CellResult(Double value, long count, Long numerator) {
}
