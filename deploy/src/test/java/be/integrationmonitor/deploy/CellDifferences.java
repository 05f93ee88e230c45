package be.integrationmonitor.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The cells of two indicator tables that differ, readably, for assertion messages. */
public final class CellDifferences {

    private static final int SHOWN = 20;

    private CellDifferences() {
    }

    /** At most 20 differences, and how many more there are. */
    public static List<String> between(Map<String, String> expected, Map<String, String> actual) {
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        List<String> differences = keys.stream().filter(k -> !Objects.equals(expected.get(k), actual.get(k)))
                .map(k -> k + ": expected " + expected.get(k) + ", got " + actual.get(k)).toList();
        return differences.size() <= SHOWN ? differences : Stream.concat(differences.stream().limit(SHOWN),
                Stream.of("… " + (differences.size() - SHOWN) + " more")).toList();
    }
}
