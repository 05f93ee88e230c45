package be.integrationmonitor.generations;

import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which generations of the indicator engine run and which one the sink API serves. A generation
 * is one complete computation of the indicators from the input topics: its own Kafka Streams
 * application id, local state, internal topics and output topic {@code indicators.<n>}. A replay
 * starts generation n+1 next to n, switches the sink to it once it has caught up, then retires n.
 *
 * <p>Kept as the latest record of the compacted {@code generations} topic, in a line of text that
 * an operator can read with {@code kafka-console-consumer}: {@code serving=2 running=2,3}.
 */
public record Generations(int serving, SortedSet<Integer> running) {

    public static final String APPLICATION_ID_PREFIX = "integration-monitor-indicators-";
    public static final String OUTPUT_TOPIC_PREFIX = "indicators.";
    /** A fresh installation: generation 1 runs and is served. */
    public static final Generations INITIAL = new Generations(1, new TreeSet<>(Set.of(1)));

    public Generations {
        if (!running.contains(serving)) {
            throw new IllegalArgumentException("the served generation " + serving + " must run");
        }
        running = Collections.unmodifiableSortedSet(new TreeSet<>(running));
    }

    /** The Kafka Streams application id of generation n; also the prefix of its internal topics. */
    public static String applicationId(int generation) {
        return APPLICATION_ID_PREFIX + generation;
    }

    /** The compacted topic generation n writes its indicators to. */
    public static String outputTopic(int generation) {
        return OUTPUT_TOPIC_PREFIX + generation;
    }

    public String servedTopic() {
        return outputTopic(serving);
    }

    public int newest() {
        return running.last();
    }

    /** With generation n started next to the running ones. */
    public Generations starting(int generation) {
        TreeSet<Integer> next = new TreeSet<>(running);
        next.add(generation);
        return new Generations(serving, next);
    }

    /** With the sink API switched to generation n, which must run. */
    public Generations serving(int generation) {
        return new Generations(generation, running);
    }

    /** Without generation n, which must not be the one served. */
    public Generations retiring(int generation) {
        TreeSet<Integer> next = new TreeSet<>(running);
        next.remove(generation);
        return new Generations(serving, next);
    }

    public String format() {
        return "serving=" + serving + " running="
                + running.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    public static Generations parse(String text) {
        Integer serving = null;
        TreeSet<Integer> running = new TreeSet<>();
        for (String part : text.trim().split("\\s+")) {
            String[] pair = part.split("=", 2);
            if (pair.length == 2 && pair[0].equals("serving")) {
                serving = Integer.parseInt(pair[1]);
            } else if (pair.length == 2 && pair[0].equals("running")) {
                Arrays.stream(pair[1].split(",")).map(Integer::parseInt).forEach(running::add);
            } else {
                throw new IllegalArgumentException("not a generations record: " + text);
            }
        }
        if (serving == null) {
            throw new IllegalArgumentException("not a generations record (no serving=): " + text);
        }
        return new Generations(serving, running);
    }

    @Override
    public String toString() {
        return format();
    }
}
