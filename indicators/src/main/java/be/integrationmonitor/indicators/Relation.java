package be.integrationmonitor.indicators;

import java.util.List;

/**
 * How an indicator's cell (geo unit, period) stands to other indicators' cells, by id; each holds
 * at every geo level and period (RelationsTest checks them on random persons). Disclosure control
 * reads the ones that derive a value from others.
 */
public sealed interface Relation {

    /** The ids of the indicators this relation reads. */
    List<String> sources();

    /** At least each part and at most their sum: a person may be in more than one part. */
    record UnionOf(List<String> parts) implements Relation {
        public UnionOf {
            parts = List.copyOf(parts);
        }

        @Override
        public List<String> sources() {
            return parts;
        }
    }

    /** At most the whole: every person counted is counted by the whole too. */
    record SubsetOf(String whole) implements Relation {
        @Override
        public List<String> sources() {
            return List.of(whole);
        }
    }

    /** {@code scale} × numerator / denominator, both counted in the same cell. */
    record RatioOf(String numerator, String denominator, int scale) implements Relation {
        @Override
        public List<String> sources() {
            return List.of(numerator, denominator);
        }
    }

    /** The sum of an amount over the events that {@code count} counts; its count is theirs. */
    record AmountOf(String count) implements Relation {
        @Override
        public List<String> sources() {
            return List.of(count);
        }
    }

    /** {@code source} summed over the week and the {@code weeks} - 1 weeks before it; weeks only. */
    record RollingSumOf(String source, int weeks) implements Relation {
        @Override
        public List<String> sources() {
            return List.of(source);
        }
    }
}
