package be.integrationmonitor.sink.state;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The current value of every cell of the {@code indicators} topic, by series and period. A cell
 * absent from the topic is 0 (the engine emits only what persons or events contribute to).
 * Period labels of one granularity sort as strings in time order (2023-W05, 2023-04).
 */
@ApplicationScoped
public class IndicatorState {

    private final Map<SeriesKey, NavigableMap<String, CellValue>> series = new ConcurrentHashMap<>();
    /** The first period holding data, per granularity. */
    private final Map<String, String> firstPeriod = new ConcurrentHashMap<>();

    public void apply(CellValue value) {
        SeriesKey key = new SeriesKey(value.indicator(), value.granularity(), value.geo());
        series.computeIfAbsent(key, k -> new ConcurrentSkipListMap<>()).put(value.period(), value);
        firstPeriod.merge(value.granularity(), value.period(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }

    public Optional<String> firstPeriod(String granularity) {
        return Optional.ofNullable(firstPeriod.get(granularity));
    }

    public Optional<CellValue> value(SeriesKey key, String period) {
        NavigableMap<String, CellValue> values = series.get(key);
        return values == null ? Optional.empty() : Optional.ofNullable(values.get(period));
    }
}
