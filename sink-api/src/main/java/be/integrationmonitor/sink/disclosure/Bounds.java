package be.integrationmonitor.sink.disclosure;

import be.integrationmonitor.sink.state.GeoTree;

/**
 * What the public can derive about each cell of an additive column from the cells shown and the
 * tree they add up in: integer bounds [lo, hi], by propagation to a fixpoint. A hidden cell is at
 * least 1 (zeros are always shown) and unbounded above. Every unit is in at most two sums (as a
 * child and as a parent) and the sums form a tree, so the propagated bounds are the exact ones:
 * a hidden cell with lo == hi is recoverable, and only then.
 */
final class Bounds {

    static final long UNBOUNDED = Long.MAX_VALUE / 4;
    private static final int MAX_ROUNDS = 32;

    final long[] lo;
    final long[] hi;

    private Bounds(long[] lo, long[] hi) {
        this.lo = lo;
        this.hi = hi;
    }

    static Bounds derive(GeoTree tree, long[] values, boolean[] hidden) {
        int n = tree.size();
        long[] lo = new long[n];
        long[] hi = new long[n];
        for (int i = 0; i < n; i++) {
            lo[i] = hidden[i] ? 1 : values[i];
            hi[i] = hidden[i] ? UNBOUNDED : values[i];
        }
        Bounds bounds = new Bounds(lo, hi);
        // a consistent tree settles within a few rounds; the cap ends the descent inconsistent
        // figures (a parent that is not the sum of its children) would start
        boolean changed = true;
        for (int round = 0; changed && round < MAX_ROUNDS; round++) {
            changed = false;
            for (int p = 0; p < n; p++) {
                if (tree.children(p).length > 0) {
                    changed |= bounds.tighten(p, tree.children(p));
                }
            }
        }
        return bounds;
    }

    /** Recoverable (or contradictory figures, treated alike). */
    boolean exposed(int cell) {
        return lo[cell] >= hi[cell];
    }

    /** One sum: parent = Σ children. */
    private boolean tighten(int parent, int[] children) {
        long sumLo = 0;
        long finiteHi = 0;
        int unbounded = 0;
        for (int c : children) {
            sumLo = add(sumLo, lo[c]);
            if (hi[c] >= UNBOUNDED) {
                unbounded++;
            } else {
                finiteHi += hi[c];
            }
        }
        boolean changed = narrow(parent, sumLo, unbounded > 0 ? UNBOUNDED : finiteHi);
        for (int c : children) {
            boolean self = hi[c] >= UNBOUNDED;
            long othersHi = unbounded - (self ? 1 : 0) > 0 ? UNBOUNDED : finiteHi - (self ? 0 : hi[c]);
            long newLo = othersHi >= UNBOUNDED ? lo[c] : lo[parent] - othersHi;
            long newHi = hi[parent] >= UNBOUNDED ? hi[c] : hi[parent] - (sumLo - lo[c]);
            changed |= narrow(c, newLo, newHi);
        }
        return changed;
    }

    private boolean narrow(int cell, long newLo, long newHi) {
        boolean changed = false;
        if (newLo > lo[cell]) {
            lo[cell] = newLo;
            changed = true;
        }
        if (newHi < hi[cell]) {
            hi[cell] = newHi;
            changed = true;
        }
        return changed;
    }

    private static long add(long a, long b) {
        return Math.min(UNBOUNDED, a + b);
    }
}
