package be.integrationmonitor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SeriesStepsTest {

    @Test
    void aStepThatCancelsOutIsGoneAndTheSeriesStays() {
        SeriesSteps steps = new SeriesSteps();
        assertThat(steps.add("protected_persons/week/21004", "", 10, 1)).isEqualTo(1);
        assertThat(steps.add("protected_persons/week/21004", "", 10, 2)).isEqualTo(3);
        assertThat(steps.add("protected_persons/week/21004", "", 10, -3)).isZero();

        assertThat(steps.components("protected_persons/week/21004")).isEmpty();
        assertThat(steps.series()).containsExactly("protected_persons/week/21004");
        assertThat(steps.components("protected_persons/week/11002")).isEmpty();
    }

    /** Against the obvious computation: a period's value is the sum of every change up to it. */
    @Property(tries = 500)
    void eachPeriodsValueIsTheSumOfTheChangesUpToIt(@ForAll long seed, @ForAll @IntRange(min = 1, max = 200) int n,
                                                   @ForAll @IntRange(min = 0, max = 40) int from) {
        Random random = new Random(seed);
        SeriesSteps steps = new SeriesSteps();
        Map<String, long[]> changes = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String component = "c" + random.nextInt(3);
            int period = random.nextInt(60);
            long delta = random.nextInt(7) - 3;
            long[] byPeriod = changes.computeIfAbsent(component, c -> new long[60]);
            byPeriod[period] += delta;
            assertThat(steps.add("s", component, period, delta)).isEqualTo(byPeriod[period]);
        }
        int to = from + random.nextInt(30);
        changes.forEach((component, byPeriod) -> {
            long[] expected = new long[to - from + 1];
            long running = 0;
            for (int period = 0; period <= to; period++) {
                running += period < byPeriod.length ? byPeriod[period] : 0;
                if (period >= from) {
                    expected[period - from] = running;
                }
            }
            SeriesSteps.Changes kept = steps.components("s").get(component);
            long[] actual = new long[to - from + 1];
            if (kept != null) {
                kept.valuesInto(from, to, actual);
            }
            assertThat(actual).as(component).containsExactly(expected);
        });
    }
}
