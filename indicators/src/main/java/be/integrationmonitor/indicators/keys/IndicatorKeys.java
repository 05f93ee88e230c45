package be.integrationmonitor.indicators.keys;

import be.integrationmonitor.periods.Granularity;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that knows how the engine's keys are written, for the engine that writes them and
 * the sink API that reads the indicators topic. Kafka topics and state stores hold these strings,
 * so they never change; they stay plain strings, cheap to build on the hot path:
 * <pre>
 * column   indicator/granularity               key of the series-steps topic
 * series   indicator/granularity/geo           key of the series-pending store
 * cell     indicator/granularity/geo/period    key of the indicators topic (periods labelled: 2024-03, 2024-W05)
 * step     series|component|period             key of the series-steps store (the period's index, 6 digits)
 * steps    municipality|component|period|delta value of the series-steps topic: an event's steps, joined by ;
 * through  #through/granularity                in the series-pending store: the last period emitted
 * </pre>
 * Indicator ids, granularity ids, geo codes and period labels hold no {@code /}, and components no
 * {@code |} or {@code ;}; a component may be empty (a plain count).
 */
public final class IndicatorKeys {

    private static final char PART = '/';
    private static final char STEP_PART = '|';
    private static final char STEP_END = ';';
    /** No indicator id begins with {@code #}, so these keys never meet a series in the pending store. */
    private static final String THROUGH = "#through/";
    private static final String PERIOD_PADDING = "000000";

    /** One indicator for one geo unit at one granularity. */
    public record SeriesKey(String indicator, Granularity granularity, String geo) {
    }

    /**
     * One cell of the indicators topic, as text: a reader of the topic takes the granularity as
     * the writer wrote it, as it does the record's value.
     */
    public record CellKey(String indicator, String granularity, String geo, String period) {
    }

    /** One step of a series: its component and period (the index on the granularity's axis, 0 or more). */
    public record StepKey(String series, String component, int period) {
    }

    /** A municipality's step in a column; the series stage rolls it up to its province, region and country. */
    public record StepDelta(String municipality, String component, int period, long delta) {
    }

    private IndicatorKeys() {
    }

    public static String column(String indicator, Granularity granularity) {
        return indicator + PART + granularity.id();
    }

    public static String series(String column, String geo) {
        return column + PART + geo;
    }

    public static SeriesKey parseSeries(String series) {
        String[] parts = parts(series, 3, "a series key");
        return new SeriesKey(parts[0], Granularity.byId(parts[1]).orElseThrow(), parts[2]);
    }

    /** The column of a series: the series of its other geo units are {@code series(columnOf(s), geo)}. */
    public static String columnOf(String series) {
        return series.substring(0, series.lastIndexOf(PART));
    }

    public static String geoOf(String series) {
        return series.substring(series.lastIndexOf(PART) + 1);
    }

    /** Whether a series is of a granularity; reads the key in place, for every series at each new period. */
    public static boolean isOf(String series, Granularity granularity) {
        int start = series.indexOf(PART) + 1;
        int end = series.indexOf(PART, start);
        return end - start == granularity.id().length() && series.startsWith(granularity.id(), start);
    }

    public static String cell(String series, String period) {
        return series + PART + period;
    }

    /** @throws IllegalArgumentException when the key is not of four parts */
    public static CellKey parseCell(String cell) {
        String[] parts = parts(cell, 4, "an indicators key");
        return new CellKey(parts[0], parts[1], parts[2], parts[3]);
    }

    /** Zero-padded so that a series' steps sort by component, then period (weeks until the year 21,000). */
    public static String step(StepKey step) {
        String digits = Integer.toString(step.period()); // String.format cost more than the store write
        return step.series() + STEP_PART + step.component() + STEP_PART
                + PERIOD_PADDING.substring(Math.min(PERIOD_PADDING.length(), digits.length())) + digits;
    }

    public static StepKey parseStep(String step) {
        int last = step.lastIndexOf(STEP_PART);
        int first = step.indexOf(STEP_PART);
        return new StepKey(step.substring(0, first), step.substring(first + 1, last),
                Integer.parseInt(step.substring(last + 1)));
    }

    /** Appends a step to the value of a series-steps record. */
    public static void appendStep(StringBuilder steps, String municipality, String component, int period, long delta) {
        if (!steps.isEmpty()) {
            steps.append(STEP_END);
        }
        steps.append(municipality).append(STEP_PART).append(component).append(STEP_PART).append(period)
                .append(STEP_PART).append(delta);
    }

    /** The steps of a series-steps record's value. */
    public static List<StepDelta> parseSteps(String steps) {
        List<StepDelta> parsed = new ArrayList<>();
        for (int start = 0; start < steps.length(); ) {
            int end = steps.indexOf(STEP_END, start);
            parsed.add(parseStepDelta(steps.substring(start, end < 0 ? steps.length() : end)));
            start = end < 0 ? steps.length() : end + 1;
        }
        return parsed;
    }

    private static StepDelta parseStepDelta(String step) {
        int first = step.indexOf(STEP_PART);
        int third = step.lastIndexOf(STEP_PART);
        int second = step.lastIndexOf(STEP_PART, third - 1);
        return new StepDelta(step.substring(0, first), step.substring(first + 1, second),
                Integer.parseInt(step.substring(second + 1, third)), Long.parseLong(step.substring(third + 1)));
    }

    public static String through(Granularity granularity) {
        return THROUGH + granularity.id();
    }

    public static boolean isThrough(String key) {
        return key.startsWith(THROUGH);
    }

    private static String[] parts(String key, int count, String what) {
        String[] parts = key.split(String.valueOf(PART), -1);
        if (parts.length != count) {
            throw new IllegalArgumentException("not " + what);
        }
        return parts;
    }
}
