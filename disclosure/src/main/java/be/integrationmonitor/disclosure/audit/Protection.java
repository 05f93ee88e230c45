package be.integrationmonitor.disclosure.audit;

import be.integrationmonitor.indicators.DisclosureRule;

/**
 * How much a withheld value must stay unknown (docs/disclosure.md):
 * <ul>
 *   <li>a count from 1 to 4 (sensitive): the attacker's interval reaches 0 or 5;</li>
 *   <li>any other withheld count: the interval holds at least two whole numbers (it is not recomputed);</li>
 *   <li>an amount: the interval is at least {@value #AMOUNT_SHARE} of the value wide, and 1 euro;</li>
 *   <li>a ratio: the interval is wider than its last decimal.</li>
 * </ul>
 * Medians are not linear in anything published: their primary rule alone protects them.
 */
public final class Protection {

    public static final int SENSITIVE_BELOW = 5;
    static final double AMOUNT_SHARE = 0.2;
    private static final double TOLERANCE = 1e-6;

    private Protection() {
    }

    /**
     * What a withheld cell is known to be before anything is published: zeros are shown, unless
     * the cell was withheld in an earlier release (it stays withheld) and has been revised to zero
     * since; then it is only known not to be negative. Taking the narrower prior for every other
     * withheld cell credits the attacker with more than they know.
     */
    public static Interval prior(DisclosureRule measure, double value) {
        return value == 0 && measure != DisclosureRule.MEDIAN ? Interval.atLeast(0) : prior(measure);
    }

    /** What a withheld cell is known to be before anything is published: zeros are always shown. */
    public static Interval prior(DisclosureRule measure) {
        return switch (measure) {
            case COUNT -> Interval.atLeast(1);
            case AMOUNT, RATIO -> Interval.atLeast(0);
            case MEDIAN -> throw new IllegalArgumentException("medians are not audited");
        };
    }

    /**
     * Whether the attacker's bounds protect the value, as {@link #breach} judges, solving the lower
     * bound only when the upper one does not settle it (the value lies in the interval, so reaching
     * far enough above it is enough; a withheld count is known to be at least 1, so only its upper
     * bound can reach what a count of 1 to 4 asks).
     */
    public static boolean protects(DisclosureRule measure, double value, Attacker.Bounds bounds, int decimals) {
        double high = bounds.high();
        return switch (measure) {
            case COUNT -> value >= 1 && value < SENSITIVE_BELOW
                    ? high >= SENSITIVE_BELOW - TOLERANCE || prior(measure).low() <= TOLERANCE && bounds.low() <= TOLERANCE
                    : Math.floor(high + TOLERANCE) >= value + 1
                            || breach(measure, value, new Interval(bounds.low(), high), decimals) == null;
            case AMOUNT, RATIO -> breach(measure, value, new Interval(value, high), decimals) == null
                    || breach(measure, value, new Interval(bounds.low(), high), decimals) == null;
            case MEDIAN -> true;
        };
    }

    /** Why the interval is too narrow for the value, or null if it protects it. */
    public static String breach(DisclosureRule measure, double value, Interval interval, int decimals) {
        double low = interval.low();
        double high = interval.high();
        return switch (measure) {
            case COUNT -> {
                if (value >= 1 && value < SENSITIVE_BELOW) {
                    yield low <= TOLERANCE || high >= SENSITIVE_BELOW - TOLERANCE ? null
                            : "a count of 1 to 4 narrowed to " + interval + ", which reaches neither 0 nor 5";
                }
                yield Math.floor(high + TOLERANCE) - Math.ceil(low - TOLERANCE) >= 1 ? null
                        : "recomputed exactly: " + interval;
            }
            case AMOUNT -> interval.width() >= Math.max(1, AMOUNT_SHARE * value) - TOLERANCE ? null
                    : "an amount narrowed to " + interval + ", less than " + (int) (AMOUNT_SHARE * 100) + "% of it";
            case RATIO -> interval.width() > Math.pow(10, -decimals) + TOLERANCE ? null
                    : "a ratio recomputed: " + interval;
            case MEDIAN -> null;
        };
    }
}
