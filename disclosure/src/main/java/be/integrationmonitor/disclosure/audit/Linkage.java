package be.integrationmonitor.disclosure.audit;

import java.util.List;

/**
 * What the audit needs to know of one indicator: what its values measure, how they behave over time,
 * and how they relate to other indicators' values in the same cell.
 */
public record Linkage(String indicator, Measure measure, Time time, List<Relation> relations) {

    public Linkage {
        relations = List.copyOf(relations);
    }

    public enum Measure {
        /** persons or events: additive over the geo hierarchy, whole numbers, a withheld one is 1 or more */
        COUNT,
        /** euro: additive over the geo hierarchy */
        AMOUNT,
        /** a ratio of two counts of the same cell */
        RATIO,
        /** not additive, not linear: protected by its own primary rule alone */
        MEDIAN;

        boolean additive() {
            return this == COUNT || this == AMOUNT;
        }
    }

    public enum Time {
        /** measured on the period's last day: a week and a month that end on the same day show the same value */
        STOCK,
        /** summed over the period's days: weeks and months that cover the same days sum to the same value */
        FLOW,
        /** a sum over past weeks of another indicator (see {@link Relation.RollingSumOf}) */
        ROLLING
    }

    /** A relation with other indicators' cells at the same geo unit and period. */
    public sealed interface Relation {

        /** Persons in at least one of the parts: at least each part, at most their sum (their sum where no one is in two). */
        record UnionOf(List<String> parts) implements Relation {
        }

        /** Persons who are all counted in {@code whole} too: at most it. */
        record SubsetOf(String whole) implements Relation {
        }

        /** {@code scale} × numerator / denominator, rounded to {@code decimals}. */
        record RatioOf(String numerator, String denominator, double scale, int decimals) implements Relation {
        }

        /** Euro granted with the events of {@code count}: any amount per event, withheld with it. */
        record AmountOf(String count) implements Relation {
        }

        /** Weeks only: {@code source} summed over the week and the {@code weeks} − 1 before it. */
        record RollingSumOf(String source, int weeks) implements Relation {
        }
    }
}
