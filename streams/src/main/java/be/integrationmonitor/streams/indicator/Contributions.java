package be.integrationmonitor.streams.indicator;

import be.integrationmonitor.geo.GeoUnits;
import java.util.HashMap;
import java.util.Map;

/** What one person adds to each cell, rolled up from the municipality to Belgium. */
public final class Contributions {

    private final Map<String, Long> byCell = new HashMap<>();

    /** Adds {@code amount} to the municipality's cell and to those of every unit above it. */
    public void add(String indicator, String granularity, String municipality, String period, long amount) {
        for (String geo : GeoUnits.get().rollUp(municipality)) {
            byCell.merge(new Cell(indicator, granularity, geo, period).key(), amount, Long::sum);
        }
    }

    /** The changes that turn {@code before} into {@code after}, cell by cell, without zeros. */
    public static Map<String, Long> delta(Contributions before, Contributions after) {
        Map<String, Long> delta = new HashMap<>(after.byCell);
        before.byCell.forEach((cell, amount) -> delta.merge(cell, -amount, Long::sum));
        delta.values().removeIf(amount -> amount == 0);
        return delta;
    }
}
