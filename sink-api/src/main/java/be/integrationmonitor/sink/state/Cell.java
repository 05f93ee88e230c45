package be.integrationmonitor.sink.state;

import be.integrationmonitor.disclosure.suppression.PrimaryRule;
import be.integrationmonitor.indicators.DisclosureRule;

/**
 * The exact value of one cell as the sink keeps it: primitives only, a year of weekly values for
 * every geo unit and indicator holds some 400 000 of them.
 *
 * @param value     the analyst value; NaN when undefined (a ratio over 0, a median over nobody)
 * @param count     what the value is computed over (see IndicatorValue.avsc)
 * @param numerator for a ratio, its numerator; -1 otherwise
 */
public record Cell(double value, long count, long numerator) {

    /** Whether the primary rule withholds a cell, absent (null) or not. */
    public static boolean primaryWithheld(DisclosureRule rule, Cell cell) {
        return cell != null && PrimaryRule.withheld(rule, cell.count, cell.numerator);
    }

    public Double valueOrNull() {
        return Double.isNaN(value) ? null : value;
    }
}
