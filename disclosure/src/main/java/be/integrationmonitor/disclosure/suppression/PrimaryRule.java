package be.integrationmonitor.disclosure.suppression;

import be.integrationmonitor.indicators.DisclosureRule;

/** Primary suppression (docs/domain.md): what a cell alone would reveal about fewer than 5 persons or events. */
public final class PrimaryRule {

    static final long SMALLEST_COUNT_SHOWN = 5;
    static final long SMALLEST_DENOMINATOR_SHOWN = 10;

    private PrimaryRule() {
    }

    /**
     * @param count     what the value is computed over (IndicatorValue.avsc): the count, the grants
     *                  behind an amount, the persons behind a median, a ratio's denominator
     * @param numerator a ratio's numerator; ignored otherwise
     */
    public static boolean withheld(DisclosureRule rule, long count, long numerator) {
        return switch (rule) {
            // a count of 1-4, an amount over 1-4 grants, a median over 1-4 persons
            case COUNT, AMOUNT, MEDIAN -> small(count, SMALLEST_COUNT_SHOWN);
            case RATIO -> small(count, SMALLEST_DENOMINATOR_SHOWN) || small(numerator, SMALLEST_COUNT_SHOWN);
        };
    }

    private static boolean small(long n, long smallestShown) {
        return n >= 1 && n < smallestShown;
    }
}
