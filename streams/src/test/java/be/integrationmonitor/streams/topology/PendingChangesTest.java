package be.integrationmonitor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PendingChangesTest {

    @Test
    void aFlowChangesOnePeriodAStockEveryPeriodSinceAndAMoveThatCancelsNone() {
        PendingChanges flow = PendingChanges.none();
        flow.add(List.of(new PendingChanges.Change("", 10, 1), new PendingChanges.Change("", 11, -1)));
        assertThat(flow.changedPeriods(20)).isEqualTo(BitSet.valueOf(new long[] {1L << 10}));
        assertThat(flow.from()).isEqualTo(10);

        PendingChanges stock = PendingChanges.none();
        stock.add(List.of(new PendingChanges.Change("", 10, 1)));
        assertThat(stock.changedPeriods(12).stream().boxed().toList()).containsExactly(10, 11, 12);

        PendingChanges cancelled = PendingChanges.none();
        cancelled.add(List.of(new PendingChanges.Change("", 10, 1)));
        cancelled.add(List.of(new PendingChanges.Change("", 10, -1)));
        assertThat(cancelled.changedPeriods(20).isEmpty()).isTrue();
    }

    @Test
    void everyPeriodFromTheEarliestIsDueWhenTheChangesAreNotAllKnown() {
        PendingChanges many = PendingChanges.none();
        many.add(nCopies(PendingChanges.MAX + 1));
        assertThat(many.changedPeriods(40)).as("too many to keep").isNull();
        assertThat(many.from()).isEqualTo(0);

        PendingChanges restarted = PendingChanges.dueFrom(12);
        restarted.add(List.of(new PendingChanges.Change("", 10, 1)));
        assertThat(restarted.changedPeriods(40)).isNull();
        assertThat(restarted.from()).isEqualTo(10);

        PendingChanges newPeriod = PendingChanges.none();
        newPeriod.add(List.of(new PendingChanges.Change("", 10, 1), new PendingChanges.Change("", 11, -1)));
        newPeriod.due(20);
        assertThat(newPeriod.changedPeriods(20)).isNull();
        assertThat(newPeriod.from()).isEqualTo(10);
    }

    /** Against the obvious computation: a period changed when some component's sum of changes up to it is not 0. */
    @Property(tries = 500)
    void theChangedPeriodsAreThoseWhereSomeComponentsRunningSumIsNotZero(@ForAll long seed,
                                                                         @ForAll @IntRange(min = 1, max = 16) int n) {
        Random random = new Random(seed);
        int to = 30;
        List<PendingChanges.Change> changes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            changes.add(new PendingChanges.Change("c" + random.nextInt(3), random.nextInt(to + 5), random.nextInt(5) - 2));
        }
        PendingChanges pending = PendingChanges.none();
        pending.add(changes);

        BitSet expected = new BitSet();
        for (int period = 0; period <= to; period++) {
            for (String component : List.of("c0", "c1", "c2")) {
                int upTo = period;
                long sum = changes.stream().filter(c -> c.component().equals(component) && c.period() <= upTo)
                        .mapToLong(PendingChanges.Change::delta).sum();
                if (sum != 0) {
                    expected.set(period);
                }
            }
        }
        assertThat(pending.changedPeriods(to)).isEqualTo(expected);
    }

    private static List<PendingChanges.Change> nCopies(int n) {
        List<PendingChanges.Change> changes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            changes.add(new PendingChanges.Change("", i, 1));
        }
        return changes;
    }
}
