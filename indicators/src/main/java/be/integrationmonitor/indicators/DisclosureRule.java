package be.integrationmonitor.indicators;

/**
 * How an indicator's value is protected in the public view (docs/domain.md, Disclosure control),
 * reading {@link IndicatorValue#getCount()} and {@link IndicatorValue#getNumerator()}.
 */
public enum DisclosureRule {
    /** A count from 1 to 4 is withheld. */
    COUNT,
    /** A sum over 1 to 4 events is withheld (it would reveal individual amounts). */
    AMOUNT,
    /** Withheld when the denominator is under 10 or the numerator is from 1 to 4. */
    RATIO,
    /** A median over fewer than 5 persons is withheld. */
    MEDIAN
}
