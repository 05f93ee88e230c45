package be.integrationmonitor.sink.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.geo.GeoLevel;
import be.integrationmonitor.geo.GeoUnit;
import be.integrationmonitor.sink.state.GeoTree;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * An attacker sees every cell the public sees (municipalities and the totals above them, themselves
 * public cells) and knows the tree; it computes, for each hidden cell, every value consistent with
 * what is shown (exactly, by dynamic programming over the tree, independently of {@link Bounds}).
 * It must never pin a hidden cell to one value.
 */
class SecondarySuppressionTest {

    /** A random country: regions, then provinces or (like Brussels) municipalities directly, with small counts. */
    record Country(GeoTree tree, long[] values) {
    }

    @Property(tries = 400)
    void noHiddenCellCanBeRecovered(@ForAll("countries") Country country) {
        boolean[] primary = primary(country.values());
        boolean[] hidden = SecondarySuppression.protect(country.tree(), country.values(), primary);

        List<BitSet> feasible = new Attacker(country.tree(), country.values(), hidden).feasibleValues();
        for (int i = 0; i < hidden.length; i++) {
            assertThat(!primary[i] || hidden[i]).as("primary suppression kept").isTrue();
            assertThat(hidden[i] && country.values()[i] == 0).as("zeros are shown").isFalse();
            if (hidden[i]) {
                assertThat(feasible.get(i).get((int) country.values()[i])).as("the truth is feasible").isTrue();
                assertThat(feasible.get(i).cardinality()).as("values of hidden cell " + i).isGreaterThan(1);
            }
        }
    }

    @Example
    void aSingleSmallCellGetsTheNextSmallestOfItsGroupHidden() {
        // country 0 -> region 1 -> municipalities 2, 3, 4 (a Brussels-like region without provinces)
        GeoTree tree = tree(new int[] {-1, 0, 1, 1, 1});
        long[] values = {19, 19, 2, 7, 10};
        boolean[] hidden = SecondarySuppression.protect(tree, values, primary(values));
        assertThat(hidden).containsExactly(false, false, true, true, false);
    }

    @Example
    void twoHiddenOnesBesideTheirTotalGetAThird() {
        GeoTree tree = tree(new int[] {-1, 0, 1, 1, 1});
        long[] values = {8, 8, 1, 1, 6};
        boolean[] hidden = SecondarySuppression.protect(tree, values, primary(values));
        assertThat(hidden).containsExactly(false, false, true, true, true);
    }

    @Provide
    Arbitrary<Country> countries() {
        Arbitrary<Integer> regions = Arbitraries.integers().between(1, 3);
        Arbitrary<Long> count = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just(0L)),
                Tuple.of(4, Arbitraries.longs().between(1, 4)),
                Tuple.of(2, Arbitraries.longs().between(5, 15)));
        return Combinators.combine(regions, Arbitraries.integers().between(0, Integer.MAX_VALUE), count.list().ofSize(64))
                .as((r, seed, counts) -> build(r, new Random(seed), counts));
    }

    private static Country build(int regions, Random random, List<Long> counts) {
        List<Integer> parents = new ArrayList<>(List.of(-1));
        for (int r = 0; r < regions; r++) {
            int region = parents.size();
            parents.add(0);
            boolean provinces = random.nextBoolean();
            for (int p = 0; p < (provinces ? 1 + random.nextInt(3) : 1); p++) {
                int parent = region;
                if (provinces) {
                    parent = parents.size();
                    parents.add(region);
                }
                for (int m = 0; m < 1 + random.nextInt(4); m++) {
                    parents.add(parent);
                }
            }
        }
        GeoTree tree = tree(parents.stream().mapToInt(Integer::intValue).toArray());
        long[] values = new long[tree.size()];
        for (int i = tree.size() - 1; i > 0; i--) {
            if (tree.children(i).length == 0) {
                values[i] = counts.get(i % counts.size());
            }
            values[tree.parent(i)] += values[i];
        }
        return new Country(tree, values);
    }

    static GeoTree tree(int[] parents) {
        List<GeoUnit> units = new ArrayList<>();
        for (int i = 0; i < parents.length; i++) {
            units.add(new GeoUnit("u" + i, GeoLevel.MUNICIPALITY, "u" + i, "u" + i,
                    parents[i] < 0 ? null : "u" + parents[i]));
        }
        return GeoTree.of(units);
    }

    private static boolean[] primary(long[] values) {
        boolean[] primary = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            primary[i] = values[i] >= 1 && values[i] <= 4;
        }
        return primary;
    }

    /**
     * Every value each cell can take given the shown cells: inside(i) = totals the subtree of i can
     * have, outside(i) = totals of i the rest of the tree allows; feasible(i) = both.
     */
    static final class Attacker {
        private final GeoTree tree;
        private final long[] values;
        private final boolean[] hidden;
        private final int cap;
        private final BitSet[] inside;
        private final BitSet[] outside;

        Attacker(GeoTree tree, long[] values, boolean[] hidden) {
            this.tree = tree;
            this.values = values;
            this.hidden = hidden;
            long total = 0;
            for (long v : values) {
                total += v;
            }
            this.cap = (int) (2 * total + 10); // hidden cells are unbounded; beyond this nothing changes
            this.inside = new BitSet[tree.size()];
            this.outside = new BitSet[tree.size()];
        }

        List<BitSet> feasibleValues() {
            int root = 0;
            inside(root);
            outside[root] = own(root);
            down(root);
            List<BitSet> feasible = new ArrayList<>();
            for (int i = 0; i < tree.size(); i++) {
                BitSet f = (BitSet) inside[i].clone();
                f.and(outside[i]);
                feasible.add(f);
            }
            return feasible;
        }

        /** What a cell alone allows: its shown value, or anything from 1 when hidden. */
        private BitSet own(int i) {
            BitSet own = new BitSet(cap + 1);
            if (hidden[i]) {
                own.set(1, cap + 1);
            } else {
                own.set((int) values[i]);
            }
            return own;
        }

        private BitSet inside(int i) {
            BitSet set = own(i);
            if (tree.children(i).length > 0) {
                BitSet sums = new BitSet();
                sums.set(0);
                for (int c : tree.children(i)) {
                    sums = plus(sums, inside(c));
                }
                set.and(sums);
            }
            inside[i] = set;
            return set;
        }

        private void down(int parent) {
            int[] children = tree.children(parent);
            BitSet parentTotals = (BitSet) inside[parent].clone();
            parentTotals.and(outside[parent]);
            for (int c : children) {
                BitSet siblings = new BitSet();
                siblings.set(0);
                for (int s : children) {
                    if (s != c) {
                        siblings = plus(siblings, inside[s]);
                    }
                }
                BitSet allowed = new BitSet();
                for (int t = parentTotals.nextSetBit(0); t >= 0; t = parentTotals.nextSetBit(t + 1)) {
                    for (int b = siblings.nextSetBit(0); b >= 0 && b <= t; b = siblings.nextSetBit(b + 1)) {
                        allowed.set(t - b);
                    }
                }
                outside[c] = allowed;
                down(c);
            }
        }

        private BitSet plus(BitSet a, BitSet b) {
            BitSet sum = new BitSet();
            for (int x = a.nextSetBit(0); x >= 0; x = a.nextSetBit(x + 1)) {
                for (int y = b.nextSetBit(0); y >= 0 && x + y <= cap; y = b.nextSetBit(y + 1)) {
                    sum.set(x + y);
                }
            }
            return sum;
        }
    }
}
