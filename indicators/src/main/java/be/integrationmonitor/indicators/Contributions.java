package be.integrationmonitor.indicators;

import be.integrationmonitor.indicators.period.PeriodAxis;
import java.util.HashMap;
import java.util.Map;

/**
 * What one person adds to the indicator series of their municipalities, as step functions over
 * period indexes: a stock held from week 10 on is +1 at week 10 (and -1 where it ends), not one
 * entry per week. Comparing a person's steps before and after an event yields the few steps that
 * change, whatever the length of the person's history.
 */
public final class Contributions {

    /** A range with no end: a state that holds on into every later period. */
    public static final int OPEN = Integer.MAX_VALUE;

    /**
     * One summed quantity of an indicator in a municipality, e.g. the numerator of a ratio. Keys and
     * steps are hashed for every step of a person on every event: written out, their hashes cost a
     * third of what the records' generated ones did (JFR; BENCHMARKS.md, "What changed the
     * figures").
     */
    public record Key(String indicator, PeriodAxis axis, String municipality, String component) {
        @Override
        public int hashCode() {
            return ((indicator.hashCode() * 31 + axis.granularity().ordinal()) * 31 + municipality.hashCode()) * 31
                    + component.hashCode();
        }
    }

    /** A step of one key at one period. */
    public record Step(Key key, int period) {
        @Override
        public int hashCode() {
            return key.hashCode() * 31 + period;
        }
    }

    /** Receives the change of one step. */
    @FunctionalInterface
    public interface DeltaSink {
        void accept(Key key, int period, long delta);
    }

    private final Map<Step, Long> steps = new HashMap<>();

    /** Adds {@code weight} to every period from {@code lo} to {@code hi} (inclusive; {@link #OPEN}: on and on). */
    public void add(Key key, int lo, int hi, long weight) {
        if (lo <= hi && weight != 0) {
            steps.merge(new Step(key, lo), weight, Long::sum);
            if (hi != OPEN) {
                steps.merge(new Step(key, hi + 1), -weight, Long::sum);
            }
        }
    }

    public void add(Key key, int period, long weight) {
        add(key, period, period, weight);
    }

    /** Reports every step that differs between {@code before} and {@code after}. */
    public static void delta(Contributions before, Contributions after, DeltaSink sink) {
        after.steps.forEach((step, weight) -> {
            long delta = weight - before.steps.getOrDefault(step, 0L);
            if (delta != 0) {
                sink.accept(step.key(), step.period(), delta);
            }
        });
        before.steps.forEach((step, weight) -> {
            if (weight != 0 && !after.steps.containsKey(step)) {
                sink.accept(step.key(), step.period(), -weight);
            }
        });
    }
}
