package be.integrationmonitor.streams.topology;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The steps of every series of a series task, in memory: per series and component, the change of
 * the component's value at each period where it changes, in period order. The value in a period
 * is the sum of the changes up to it. A series task holds its columns at every geo level; the
 * size grows with the series, their components and periods, not with the events.
 */
final class SeriesSteps {

    /** One component's changes: sorted periods, each with its non-zero change. */
    static final class Changes {
        private int[] periods = new int[4];
        private long[] changes = new long[4];
        private int size;

        /** Adds {@code delta} to the change at {@code period}; returns the change there now (0: gone). */
        long add(int period, long delta) {
            int at = Arrays.binarySearch(periods, 0, size, period);
            if (at >= 0) {
                long now = changes[at] + delta;
                if (now == 0) {
                    System.arraycopy(periods, at + 1, periods, at, size - at - 1);
                    System.arraycopy(changes, at + 1, changes, at, size - at - 1);
                    size--;
                } else {
                    changes[at] = now;
                }
                return now;
            }
            if (delta == 0) {
                return 0;
            }
            int insert = -at - 1;
            if (size == periods.length) {
                periods = Arrays.copyOf(periods, size * 2);
                changes = Arrays.copyOf(changes, size * 2);
            }
            System.arraycopy(periods, insert, periods, insert + 1, size - insert);
            System.arraycopy(changes, insert, changes, insert + 1, size - insert);
            periods[insert] = period;
            changes[insert] = delta;
            size++;
            return delta;
        }

        /** Writes the value in each period from {@code from} to {@code to} into {@code values[period - from]}. */
        void valuesInto(int from, int to, long[] values) {
            long running = 0;
            int i = 0;
            for (; i < size && periods[i] < from; i++) {
                running += changes[i];
            }
            for (int period = from; period <= to; period++) {
                if (i < size && periods[i] == period) {
                    running += changes[i++];
                }
                values[period - from] = running;
            }
        }

        boolean isEmpty() {
            return size == 0;
        }
    }

    private final Map<String, Map<String, Changes>> series = new HashMap<>();

    /** Adds a change to a series' component; returns the change at that period now (0: none). */
    long add(String seriesKey, String component, int period, long delta) {
        Map<String, Changes> components = series.computeIfAbsent(seriesKey, s -> new HashMap<>());
        Changes changes = components.computeIfAbsent(component, c -> new Changes());
        long now = changes.add(period, delta);
        if (changes.isEmpty()) {
            components.remove(component); // the series stays: it is still written in every new period
        }
        return now;
    }

    /** Every series that ever had a step since the task started. */
    Set<String> series() {
        return series.keySet();
    }

    /** A series' components with their changes; empty for a series without steps. */
    Map<String, Changes> components(String seriesKey) {
        return series.getOrDefault(seriesKey, Map.of());
    }
}
