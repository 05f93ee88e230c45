package be.integrationmonitor.sink.state;

import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cells of one indicators topic: per (indicator, granularity), per period, an array of cells
 * by {@link GeoTree} number; null is an absent cell.
 *
 * <p>One writer (the feed), many readers. Cells are immutable, so a reader sees either the old or
 * the new one. Every change bumps the version of its (granularity, period) after the write: a
 * cache stamped with the version read before computing is never newer than its content.
 * Period labels of one granularity sort as strings in time order (2023-W05, 2023-04).
 */
public final class Cells {

    private final GeoTree geo = GeoTree.belgium();
    private final Map<String, NavigableMap<String, Cell[]>> columns = new ConcurrentHashMap<>();
    private final Map<String, NavigableSet<String>> periods = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final AtomicLong count = new AtomicLong();

    /** Applies a record of the topic; false when its geo unit is unknown. */
    public boolean apply(CellValue update) {
        int unit = geo.index(update.geo());
        if (unit < 0) {
            return false;
        }
        Cell[] column = columns.computeIfAbsent(update.indicator() + "/" + update.granularity(),
                        k -> new ConcurrentSkipListMap<>())
                .computeIfAbsent(update.period(), p -> new Cell[geo.size()]);
        Cell previous = column[unit];
        if (update.cell() == null ? previous == null : update.cell().equals(previous)) {
            return true;
        }
        column[unit] = update.cell();
        count.addAndGet((update.cell() == null ? 0 : 1) - (previous == null ? 0 : 1));
        periods.computeIfAbsent(update.granularity(), g -> new ConcurrentSkipListSet<>()).add(update.period());
        versions.computeIfAbsent(update.granularity() + "/" + update.period(), k -> new AtomicLong()).incrementAndGet();
        return true;
    }

    Cell[] column(String indicator, String granularity, String period) {
        NavigableMap<String, Cell[]> byPeriod = columns.get(indicator + "/" + granularity);
        return byPeriod == null ? null : byPeriod.get(period);
    }

    long version(String granularity, String period) {
        AtomicLong version = versions.get(granularity + "/" + period);
        return version == null ? 0 : version.get();
    }

    Optional<String> firstPeriod(String granularity) {
        NavigableSet<String> labels = periods.get(granularity);
        return labels == null || labels.isEmpty() ? Optional.empty() : Optional.of(labels.first());
    }

    public long count() {
        return count.get();
    }
}
