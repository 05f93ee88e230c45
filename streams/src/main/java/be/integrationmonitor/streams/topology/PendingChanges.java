package be.integrationmonitor.streams.topology;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A series waiting for its emission: its earliest changed period and, while they are few and all
 * known, the steps by which it changed since its last emission, so that it emits only the periods
 * whose value changed: those where the running sum of some component's changes is not zero. A
 * flow changed in one period rewrites that period, not every period since; a stock begun ten
 * weeks ago still rewrites ten weeks. A series changed by more than {@value #MAX} steps, or whose
 * changes are not all known (pending before a restart, or due in a new period), emits every
 * period from its earliest.
 */
final class PendingChanges {

    static final int MAX = 16;

    /** A change of one component's step at one period. */
    record Change(String component, int period, long delta) {
    }

    private int from = Integer.MAX_VALUE;
    /** Null when not all are known. */
    private List<Change> changes;

    /** A series with no change yet: every change to come will be known. */
    static PendingChanges none() {
        PendingChanges pending = new PendingChanges();
        pending.changes = new ArrayList<>();
        return pending;
    }

    /** A series due from {@code from} on, for reasons not known. */
    static PendingChanges dueFrom(int from) {
        PendingChanges pending = new PendingChanges();
        pending.from = from;
        return pending;
    }

    /** The earliest period due. */
    int from() {
        return from;
    }

    void add(List<Change> more) {
        more.forEach(change -> from = Math.min(from, change.period()));
        if (changes != null) {
            changes.addAll(more);
            if (changes.size() > MAX) {
                changes = null;
            }
        }
    }

    /** Every period from {@code period} on is due too. */
    void due(int period) {
        from = Math.min(from, period);
        changes = null;
    }

    /** The periods up to {@code to} whose value changed; null when every period from {@link #from()} is due. */
    BitSet changedPeriods(int to) {
        if (changes == null) {
            return null;
        }
        Map<String, List<Change>> byComponent = new HashMap<>();
        changes.forEach(change -> byComponent.computeIfAbsent(change.component(), c -> new ArrayList<>()).add(change));
        BitSet changed = new BitSet();
        for (List<Change> steps : byComponent.values()) {
            steps.sort(Comparator.comparingInt(Change::period));
            long running = 0;
            for (int i = 0; i < steps.size(); i++) {
                running += steps.get(i).delta();
                int end = i + 1 < steps.size() ? steps.get(i + 1).period() : to + 1;
                if (running != 0 && steps.get(i).period() < end && steps.get(i).period() <= to) {
                    changed.set(steps.get(i).period(), Math.min(end, to + 1));
                }
            }
        }
        return changed;
    }
}
