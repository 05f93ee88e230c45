package be.integrationmonitor.generations;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which generations of the indicator engine run and which one the sink API serves. A generation
 * is one complete computation of the indicators from the input topics: its own Kafka Streams
 * application id, local state, internal topics and output topic {@code indicators.<n>}. A replay
 * starts generation n+1 next to n, switches the sink to it once it has caught up, then retires n.
 *
 * <p>It also says which input version of the event topics (see
 * {@link be.integrationmonitor.topics.Topics#versioned}) each generation reads and the producers
 * write: a purge copies the event topics to the next version without the erased persons.
 *
 * <p>Kept as the latest record of the compacted {@code generations} topic, in a line of text that
 * an operator can read with {@code kafka-console-consumer}: {@code serving=2 running=2,3}, or
 * during a purge {@code serving=2 running=2,3 inputs.3=1 writing=1}. An absent input version is 0.
 *
 * @param inputs  the input version of each running generation that does not read version 0
 * @param writing the input version the producers write to
 */
public record Generations(int serving, SortedSet<Integer> running, SortedMap<Integer, Integer> inputs, int writing) {

    public static final String APPLICATION_ID_PREFIX = "integration-monitor-indicators-";
    public static final String OUTPUT_TOPIC_PREFIX = "indicators.";
    /** A fresh installation: generation 1 runs and is served. */
    public static final Generations INITIAL = new Generations(1, new TreeSet<>(Set.of(1)));

    public Generations {
        if (!running.contains(serving)) {
            throw new IllegalArgumentException("the served generation " + serving + " must run");
        }
        if (!running.containsAll(inputs.keySet()) || inputs.containsValue(0) || writing < 0
                || inputs.values().stream().anyMatch(version -> version < 0)) {
            throw new IllegalArgumentException("input versions " + inputs + " (writing " + writing
                    + ") must be positive and of running generations " + running);
        }
        running = Collections.unmodifiableSortedSet(new TreeSet<>(running));
        inputs = Collections.unmodifiableSortedMap(new TreeMap<>(inputs));
    }

    /** Every generation reads, and the producers write, input version 0. */
    public Generations(int serving, SortedSet<Integer> running) {
        this(serving, running, new TreeMap<>(), 0);
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

    /** The input version generation n reads (0 unless listed). */
    public int inputVersion(int generation) {
        return inputs.getOrDefault(generation, 0);
    }

    /** With generation n started next to the running ones, on the input version the served one reads. */
    public Generations starting(int generation) {
        return starting(generation, inputVersion(serving));
    }

    /** With generation n started next to the running ones, reading input version v. */
    public Generations starting(int generation, int inputVersion) {
        TreeSet<Integer> next = new TreeSet<>(running);
        next.add(generation);
        TreeMap<Integer, Integer> nextInputs = new TreeMap<>(inputs);
        nextInputs.remove(generation);
        if (inputVersion != 0) {
            nextInputs.put(generation, inputVersion);
        }
        return new Generations(serving, next, nextInputs, writing);
    }

    /** With the sink API switched to generation n, which must run. */
    public Generations serving(int generation) {
        return new Generations(generation, running, inputs, writing);
    }

    /** Without generation n, which must not be the one served. */
    public Generations retiring(int generation) {
        TreeSet<Integer> next = new TreeSet<>(running);
        next.remove(generation);
        TreeMap<Integer, Integer> nextInputs = new TreeMap<>(inputs);
        nextInputs.remove(generation);
        return new Generations(serving, next, nextInputs, writing);
    }

    /** With the producers writing to input version v. */
    public Generations writing(int version) {
        return new Generations(serving, running, inputs, version);
    }

    public String format() {
        StringBuilder line = new StringBuilder("serving=" + serving + " running="
                + running.stream().map(String::valueOf).collect(Collectors.joining(",")));
        inputs.forEach((generation, version) -> line.append(" inputs.").append(generation).append('=').append(version));
        if (writing != 0) {
            line.append(" writing=").append(writing);
        }
        return line.toString();
    }

    public static Generations parse(String text) {
        Integer serving = null;
        TreeSet<Integer> running = new TreeSet<>();
        Map<Integer, Integer> inputs = new TreeMap<>();
        int writing = 0;
        for (String part : text.trim().split("\\s+")) {
            String[] pair = part.split("=", 2);
            if (pair.length == 2 && pair[0].equals("serving")) {
                serving = Integer.parseInt(pair[1]);
            } else if (pair.length == 2 && pair[0].equals("running")) {
                Arrays.stream(pair[1].split(",")).map(Integer::parseInt).forEach(running::add);
            } else if (pair.length == 2 && pair[0].startsWith("inputs.")) {
                inputs.put(Integer.parseInt(pair[0].substring("inputs.".length())), Integer.parseInt(pair[1]));
            } else if (pair.length == 2 && pair[0].equals("writing")) {
                writing = Integer.parseInt(pair[1]);
            } else {
                throw new IllegalArgumentException("not a generations record: " + text);
            }
        }
        if (serving == null) {
            throw new IllegalArgumentException("not a generations record (no serving=): " + text);
        }
        return new Generations(serving, running, new TreeMap<>(inputs), writing);
    }

    @Override
    public String toString() {
        return format();
    }
}
