package be.integrationmonitor.deploy.ops;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A completed purge, as recorded in the {@code generations} topic under key {@code purge.<version>}
 * (one record per purge, kept by compaction): when it completed, the input version it copied the
 * event topics to, and up to which offset of each {@code erasures} partition it honoured the
 * requests. A request below those offsets has no record left in the event topics.
 *
 * <p>Value: {@code completed=2026-12-03T10:00:00Z version=1 erasures=0:12,1:5,2:7}.
 */
record Purge(int version, Instant completed, Map<Integer, Long> erasuresEnd) {

    static final String KEY_PREFIX = "purge.";

    String key() {
        return KEY_PREFIX + version;
    }

    /** Whether this purge dropped the records of the person of an erasure request at this position. */
    boolean honoured(int partition, long offset) {
        return offset < erasuresEnd.getOrDefault(partition, 0L);
    }

    String format() {
        return "completed=" + completed + " version=" + version + " erasures=" + erasuresEnd.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    /** The purge a record of the {@code generations} topic holds, if the key is a purge's. */
    static Optional<Purge> parse(String key, String value) {
        if (!key.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        Instant completed = null;
        Integer version = null;
        Map<Integer, Long> ends = new TreeMap<>();
        for (String part : value.trim().split("\\s+")) {
            String[] pair = part.split("=", 2);
            switch (pair[0]) {
                case "completed" -> completed = Instant.parse(pair[1]);
                case "version" -> version = Integer.parseInt(pair[1]);
                case "erasures" -> {
                    for (String end : pair[1].isEmpty() ? new String[0] : pair[1].split(",")) {
                        String[] partitionAndOffset = end.split(":", 2);
                        ends.put(Integer.parseInt(partitionAndOffset[0]), Long.parseLong(partitionAndOffset[1]));
                    }
                }
                default -> throw new IllegalArgumentException("not a purge record: " + value);
            }
        }
        if (completed == null || version == null) {
            throw new IllegalArgumentException("not a purge record: " + value);
        }
        return Optional.of(new Purge(version, completed, ends));
    }
}
