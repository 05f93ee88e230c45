package be.integrationmonitor.disclosure.audit;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.indicators.DisclosureRule;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProtectionTest {

    /** The check that solves one bound when it can judges every interval as the full check does. */
    @Test
    void judgingFromTheUpperBoundFirstAgreesWithTheWholeInterval() {
        Random random = new Random(3);
        int protectedSeen = 0;
        int breachedSeen = 0;
        int lowerBoundsSkipped = 0;
        for (int i = 0; i < 20_000; i++) {
            DisclosureRule rule = random.nextBoolean() ? DisclosureRule.COUNT : random.nextBoolean()
                    ? DisclosureRule.AMOUNT : DisclosureRule.RATIO;
            double value = rule == DisclosureRule.COUNT ? 1 + random.nextInt(12) : random.nextDouble() * 50;
            double low = rule == DisclosureRule.COUNT ? Math.max(1, value - random.nextInt(4))
                    : Math.max(0, value - random.nextDouble() * 15);
            double high = random.nextInt(10) == 0 ? Double.POSITIVE_INFINITY
                    : value + (rule == DisclosureRule.COUNT ? random.nextInt(5) : random.nextDouble() * 15);
            int decimals = random.nextInt(3);
            int[] lowAsked = {0};
            Attacker.Bounds bounds = new Attacker.Bounds() {
                @Override
                public double low() {
                    lowAsked[0]++;
                    return low;
                }

                @Override
                public double high() {
                    return high;
                }
            };
            boolean expected = Protection.breach(rule, value, new Interval(low, high), decimals) == null;
            assertThat(Protection.protects(rule, value, bounds, decimals))
                    .as("%s %s in [%s, %s]", rule, value, low, high).isEqualTo(expected);
            protectedSeen += expected ? 1 : 0;
            breachedSeen += expected ? 0 : 1;
            lowerBoundsSkipped += lowAsked[0] == 0 ? 1 : 0;
        }
        assertThat(protectedSeen).isPositive();
        assertThat(breachedSeen).isPositive();
        assertThat(lowerBoundsSkipped).as("checks settled by the upper bound alone").isGreaterThan(5_000);
    }
}
