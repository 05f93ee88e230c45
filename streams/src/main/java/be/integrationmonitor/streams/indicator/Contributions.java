package be.integrationmonitor.streams.indicator;

import be.integrationmonitor.streams.period.PeriodAxis;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one person adds to the indicator series of their municipalities, as step functions over
 * period indexes: a stock held from week 10 on is +1 at week 10 (and -1 where it ends), not one
 * entry per week. Comparing a person's steps before and after an event yields the few steps that
 * change, whatever the length of the person's history.
 */
public final class Contributions {

    /** A range with no end: a state that holds on into every later period. */
    public static final int OPEN = Integer.MAX_VALUE;

    /** One summed quantity of an indicator in a municipality, e.g. the numerator of a ratio. */
    public record Key(String indicator, PeriodAxis axis, String municipality, String component) {
    }

    /** A step of one key at one period. */
    public record Step(Key key, int period) {
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
        Set<Step> all = new HashSet<>(before.steps.keySet());
        all.addAll(after.steps.keySet());
        for (Step step : all) {
            long delta = after.steps.getOrDefault(step, 0L) - before.steps.getOrDefault(step, 0L);
            if (delta != 0) {
                sink.accept(step.key(), step.period(), delta);
            }
        }
    }
}
