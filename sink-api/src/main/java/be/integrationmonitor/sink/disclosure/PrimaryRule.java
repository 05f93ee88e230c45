package be.integrationmonitor.sink.disclosure;

import be.integrationmonitor.indicators.DisclosureRule;
import be.integrationmonitor.sink.state.Cell;

/** Primary suppression (docs/domain.md): what a cell alone would reveal about fewer than 5 persons or events. */
public final class PrimaryRule {

    static final long SMALLEST_COUNT_SHOWN = 5;
    static final long SMALLEST_DENOMINATOR_SHOWN = 10;

    private PrimaryRule() {
    }

    public static boolean withheld(DisclosureRule rule, Cell cell) {
        if (cell == null) {
            return false;
        }
        return switch (rule) {
            // a count of 1-4, an amount over 1-4 grants, a median over 1-4 persons
            case COUNT, AMOUNT, MEDIAN -> small(cell.count(), SMALLEST_COUNT_SHOWN);
            case RATIO -> small(cell.count(), SMALLEST_DENOMINATOR_SHOWN) || small(cell.numerator(), SMALLEST_COUNT_SHOWN);
        };
    }

    private static boolean small(long n, long smallestShown) {
        return n >= 1 && n < smallestShown;
    }
}
