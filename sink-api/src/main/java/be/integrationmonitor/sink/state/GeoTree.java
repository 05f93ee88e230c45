package be.integrationmonitor.sink.state;

import be.integrationmonitor.geo.GeoUnit;
import be.integrationmonitor.geo.GeoUnits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Geo units numbered 0..n-1, with the tree their figures add up in: municipalities into their
 * province (Brussels: into the region 04000), provinces into their region, regions into the country.
 */
public final class GeoTree {

    private static final GeoTree BELGIUM = of(GeoUnits.get().all());

    private final List<GeoUnit> units;
    private final Map<String, Integer> index = new HashMap<>();
    private final int[] parent;
    private final int[][] children;

    private GeoTree(List<GeoUnit> units) {
        this.units = List.copyOf(units);
        for (int i = 0; i < units.size(); i++) {
            index.put(units.get(i).code(), i);
        }
        parent = new int[units.size()];
        List<List<Integer>> kids = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            kids.add(new ArrayList<>());
        }
        for (int i = 0; i < units.size(); i++) {
            String code = units.get(i).parent();
            parent[i] = code == null ? -1 : index.get(code);
            if (parent[i] >= 0) {
                kids.get(parent[i]).add(i);
            }
        }
        children = kids.stream().map(k -> k.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /** The units of REFNIS 2025. */
    public static GeoTree belgium() {
        return BELGIUM;
    }

    /** Any tree of units whose parents are among them (tests use small synthetic ones). */
    public static GeoTree of(List<GeoUnit> units) {
        return new GeoTree(units);
    }

    public int size() {
        return units.size();
    }

    /** The number of a unit, -1 when unknown. */
    public int index(String code) {
        return index.getOrDefault(code, -1);
    }

    public GeoUnit unit(int i) {
        return units.get(i);
    }

    /** -1 for the root. */
    public int parent(int i) {
        return parent[i];
    }

    public int[] children(int i) {
        return children[i];
    }
}
