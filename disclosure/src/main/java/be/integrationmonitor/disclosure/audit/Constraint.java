package be.integrationmonitor.disclosure.audit;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What any caller knows of how published cells relate: Σ coefficient × cell, compared with a
 * constant (e.g. a province minus its municipalities is 0).
 */
public record Constraint(Map<Cell, Double> terms, Sense sense, double constant) {

    public enum Sense { EQUAL, AT_MOST, AT_LEAST }

    public Constraint {
        terms = Map.copyOf(terms);
    }

    /** {@code total} = Σ {@code parts}. */
    public static Constraint sum(Cell total, Collection<Cell> parts) {
        return builder().plus(total, 1).minus(parts).equal(0);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the left-hand side; repeated cells add up. */
    public static final class Builder {
        private final Map<Cell, Double> terms = new LinkedHashMap<>();

        public Builder plus(Cell cell, double coefficient) {
            terms.merge(cell, coefficient, Double::sum);
            return this;
        }

        public Builder minus(Collection<Cell> cells) {
            cells.forEach(cell -> plus(cell, -1));
            return this;
        }

        public Constraint equal(double constant) {
            return new Constraint(terms, Sense.EQUAL, constant);
        }

        public Constraint atMost(double constant) {
            return new Constraint(terms, Sense.AT_MOST, constant);
        }

        public Constraint atLeast(double constant) {
            return new Constraint(terms, Sense.AT_LEAST, constant);
        }
    }
}
