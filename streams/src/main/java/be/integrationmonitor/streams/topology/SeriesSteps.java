package be.integrationmonitor.streams.topology;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The step functions of one series, one per component: the sum of the steps up to a period is
 * the component's value in that period. Zero steps are dropped.
 */
record SeriesSteps(Map<String, NavigableMap<Integer, Long>> steps) {

    static SeriesSteps empty() {
        return new SeriesSteps(Map.of());
    }

    SeriesSteps plus(StepDelta delta) {
        Map<String, NavigableMap<Integer, Long>> updated = new HashMap<>(steps);
        NavigableMap<Integer, Long> component = new TreeMap<>(updated.getOrDefault(delta.component(), new TreeMap<>()));
        component.merge(delta.period(), delta.delta(), Long::sum);
        component.values().removeIf(step -> step == 0);
        if (component.isEmpty()) {
            updated.remove(delta.component());
        } else {
            updated.put(delta.component(), component);
        }
        return new SeriesSteps(updated);
    }

    /** The first period with a step, or null when the series is all zero. */
    Integer firstPeriod() {
        return steps.values().stream().map(NavigableMap::firstKey).min(Integer::compare).orElse(null);
    }

    /** Every component's value in each period from {@code from} to {@code to}, by period. */
    NavigableMap<Integer, Map<String, Long>> values(int from, int to) {
        NavigableMap<Integer, Map<String, Long>> values = new TreeMap<>();
        for (int period = from; period <= to; period++) {
            values.put(period, new HashMap<>());
        }
        steps.forEach((component, componentSteps) -> {
            long sum = componentSteps.headMap(from, false).values().stream().mapToLong(Long::longValue).sum();
            for (int period = from; period <= to; period++) {
                sum += componentSteps.getOrDefault(period, 0L);
                if (sum != 0) {
                    values.get(period).put(component, sum);
                }
            }
        });
        return values;
    }
}
