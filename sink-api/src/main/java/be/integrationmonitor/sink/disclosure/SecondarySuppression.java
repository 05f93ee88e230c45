package be.integrationmonitor.sink.disclosure;

import be.integrationmonitor.sink.state.GeoTree;

/**
 * Secondary suppression of an additive column (a count at every geo unit of the tree): hides more
 * cells until no hidden cell can be recovered from the cells shown, the parents' totals included
 * (checked with {@link Bounds}, the exact attacker). Each round hides, near the first recoverable
 * cell, the smallest non-zero cell shown: a child of it if all its children are shown (it is their
 * sum); else a sibling (its group then holds two unknowns); else a child, then its parent;
 * otherwise the same around its parent, up the tree; as a last resort any cell.
 * Zeros are never hidden, so every hidden cell is known to be at least 1, and {@link Bounds}
 * accounts for that (two hidden 1s beside a shown total of 2 are recoverable and get a third).
 */
public final class SecondarySuppression {

    private SecondarySuppression() {
    }

    /** @return the hidden cells: {@code primary} and those hidden to protect them */
    public static boolean[] protect(GeoTree tree, long[] values, boolean[] primary) {
        boolean[] hidden = primary.clone();
        for (int exposed = firstExposed(tree, values, hidden); exposed >= 0;
             exposed = firstExposed(tree, values, hidden)) {
            int partner = partner(tree, values, hidden, exposed);
            if (partner < 0) {
                break; // every non-zero cell is hidden: nothing left to derive anything from
            }
            hidden[partner] = true;
        }
        return hidden;
    }

    private static int firstExposed(GeoTree tree, long[] values, boolean[] hidden) {
        Bounds bounds = Bounds.derive(tree, values, hidden);
        for (int i = 0; i < hidden.length; i++) {
            if (hidden[i] && bounds.exposed(i)) {
                return i;
            }
        }
        return -1;
    }

    private static int partner(GeoTree tree, long[] values, boolean[] hidden, int exposed) {
        int[] children = tree.children(exposed);
        if (children.length > 0 && noneHidden(hidden, children)) {
            int child = smallestShown(values, hidden, children, -1); // the cell is the sum of its children
            if (child >= 0) {
                return child;
            }
        }
        for (int cell = exposed; cell >= 0; cell = tree.parent(cell)) {
            int parent = tree.parent(cell);
            int best = parent < 0 ? -1 : smallestShown(values, hidden, tree.children(parent), cell);
            if (best < 0) {
                best = smallestShown(values, hidden, tree.children(cell), -1);
            }
            if (best < 0 && parent >= 0 && !hidden[parent] && values[parent] > 0) {
                best = parent;
            }
            if (best >= 0) {
                return best;
            }
        }
        int[] all = new int[values.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return smallestShown(values, hidden, all, -1);
    }

    private static boolean noneHidden(boolean[] hidden, int[] cells) {
        for (int c : cells) {
            if (hidden[c]) {
                return false;
            }
        }
        return true;
    }

    /** The shown non-zero cell of {@code cells} with the smallest value, -1 if none. */
    private static int smallestShown(long[] values, boolean[] hidden, int[] cells, int except) {
        int best = -1;
        for (int c : cells) {
            if (c != except && !hidden[c] && values[c] > 0 && (best < 0 || values[c] < values[best])) {
                best = c;
            }
        }
        return best;
    }
}
