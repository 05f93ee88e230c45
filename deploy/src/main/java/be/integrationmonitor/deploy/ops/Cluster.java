package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.generations.GenerationLog;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;

/** What the operator commands do on the Kafka cluster: generations, offsets, lag, topics. */
public final class Cluster implements AutoCloseable {

    private final Map<String, Object> settings;
    private final Admin admin;

    public Cluster(Map<String, Object> settings) {
        this.settings = settings;
        Map<String, Object> config = new HashMap<>(settings);
        config.keySet().removeIf(key -> !AdminClientConfig.configNames().contains(key));
        this.admin = Admin.create(config);
    }

    public Admin admin() {
        return admin;
    }

    Generations generations() {
        try (GenerationLog log = new GenerationLog(settings)) {
            return log.readToEnd();
        }
    }

    /** Everything the served generation reads: the event topics of its input version and the erasures. */
    List<String> servedInputs() {
        Generations now = generations();
        return Topics.engineInputs(now.inputVersion(now.serving()));
    }

    void write(Generations generations) throws ExecutionException, InterruptedException {
        GenerationLog.append(settings, generations);
    }

    /** Every completed purge, oldest first. */
    List<Purge> purges() {
        try (GenerationLog log = new GenerationLog(settings)) {
            log.readToEnd();
            return log.others().entrySet().stream().flatMap(e -> Purge.parse(e.getKey(), e.getValue()).stream())
                    .sorted(Comparator.comparing(Purge::completed)).toList();
        }
    }

    void record(Purge purge) throws ExecutionException, InterruptedException {
        GenerationLog.append(settings, purge.key(), purge.format());
    }

    /** The output topic of a new generation, partitioned and replicated like the input it replays. */
    void createOutput(int generation) throws ExecutionException, InterruptedException {
        TopicDescription erasures = describe(List.of(Topics.ERASURES)).get(Topics.ERASURES);
        try {
            admin.createTopics(List.of(Topics.indicators(generation, erasures.partitions().size(),
                    (short) erasures.partitions().get(0).replicas().size()))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    Map<String, TopicDescription> describe(Collection<String> topics) throws ExecutionException, InterruptedException {
        return admin.describeTopics(topics).allTopicNames().get();
    }

    /** Latest (or earliest) offset of every partition of these topics. */
    public Map<TopicPartition, Long> offsets(Collection<String> topics, OffsetSpec spec)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        describe(topics).forEach((name, description) -> description.partitions()
                .forEach(p -> request.put(new TopicPartition(name, p.partition()), spec)));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    public Map<TopicPartition, Long> committed(String group) throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> committed = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition, offset.offset());
            }
        });
        return committed;
    }

    /** How far a generation has got through its input, and what its series stage still has to read. */
    public Progress progress(int generation) throws ExecutionException, InterruptedException {
        String application = Generations.applicationId(generation);
        return progress(application, Topics.engineInputs(generations().inputVersion(generation)),
                Topics.seriesSteps(generation));
    }

    /** How far a Kafka Streams application has got through its inputs, and what it still has to read of its repartition topic. */
    public Progress progress(String application, Collection<String> inputs, String repartition)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> committed = committed(application);
        Map<TopicPartition, Long> start = offsets(inputs, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(inputs, OffsetSpec.latest());
        long done = 0;
        long total = 0;
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            long first = start.get(partition.getKey());
            total += partition.getValue() - first;
            done += Math.max(0, committed.getOrDefault(partition.getKey(), first) - first);
        }
        long steps = 0;
        long stepsWritten = 0;
        long stepsRead = 0;
        if (admin.listTopics().names().get().contains(repartition)) {
            for (Map.Entry<TopicPartition, Long> partition : offsets(List.of(repartition), OffsetSpec.latest()).entrySet()) {
                // written in transactions: the commit marker takes the last offset of a finished partition
                long read = committed.getOrDefault(partition.getKey(), 0L);
                steps += Math.max(0, partition.getValue() - read - 1);
                stepsWritten += Math.max(0, partition.getValue() - 1);
                stepsRead += read;
            }
        }
        return new Progress(done, total, steps, stepsWritten, stepsRead, Instant.now());
    }

    /**
     * Waits until a generation has processed every input record there is and stayed so for
     * {@code settle} (longer than the engine's emit interval, so that its last cells are out).
     *
     * @param each called with every observation, once a second
     */
    public void awaitCaughtUp(int generation, Duration settle, Instant deadline, Consumer<Progress> each)
            throws ExecutionException, InterruptedException {
        await(generation, settle, deadline, each, (earlier, now) -> now.caughtUp());
    }

    /**
     * Waits until a generation keeps up with its input for {@code settle}: at every observation it
     * has processed at least everything there was at the one before. Under a steady flow of events
     * it is never idle, yet as fresh as a running generation (a second behind at most).
     */
    void awaitKeepingUp(int generation, Duration settle, Instant deadline, Consumer<Progress> each)
            throws ExecutionException, InterruptedException {
        await(generation, settle, deadline, each,
                (earlier, now) -> now.caughtUp() || earlier != null && now.keptUpWith(earlier));
    }

    private void await(int generation, Duration settle, Instant deadline, Consumer<Progress> each,
                       BiPredicate<Progress, Progress> fresh) throws ExecutionException, InterruptedException {
        Instant caughtUpSince = null;
        Progress earlier = null;
        while (caughtUpSince == null || Duration.between(caughtUpSince, Instant.now()).compareTo(settle) < 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("generation " + generation + " has not caught up by " + deadline);
            }
            Thread.sleep(1_000);
            Progress progress = progress(generation);
            each.accept(progress);
            caughtUpSince = !fresh.test(earlier, progress) ? null : caughtUpSince == null ? progress.at() : caughtUpSince;
            earlier = progress;
        }
    }

    /** Consumer groups with their lag over every partition they have committed. */
    Map<String, Long> lagByGroup() throws ExecutionException, InterruptedException {
        Map<String, Long> lag = new TreeMap<>();
        for (var group : admin.listGroups().all().get()) {
            Map<TopicPartition, Long> committed = committed(group.groupId());
            Set<String> topics = committed.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
            Map<TopicPartition, Long> end = topics.isEmpty() ? Map.of() : offsets(topics, OffsetSpec.latest());
            lag.put(group.groupId(), committed.entrySet().stream()
                    .mapToLong(e -> Math.max(0, end.getOrDefault(e.getKey(), e.getValue()) - e.getValue())).sum());
        }
        return lag;
    }

    /**
     * Removes a generation that no longer runs: waits until no engine instance is a member of its
     * group, then deletes its internal topics, its output topic and its group.
     */
    void deleteGeneration(int generation, Duration timeout) throws ExecutionException, InterruptedException {
        String application = Generations.applicationId(generation);
        Instant deadline = Instant.now().plus(timeout);
        while (!groupEmpty(application)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("engine instances still run generation " + generation
                        + " (group " + application + " has members); is the engine following the generations topic?");
            }
            Thread.sleep(500);
        }
        List<String> topics = admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith(application + "-") || name.equals(Generations.outputTopic(generation)))
                .toList();
        admin.deleteTopics(topics).all().get();
        try {
            admin.deleteConsumerGroups(List.of(application)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
    }

    /** No instance is a member of the group; true as well if there is no such group (yet, or any more). */
    boolean groupEmpty(String group) throws ExecutionException, InterruptedException {
        ConsumerGroupDescription description;
        try {
            description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return true;
            }
            throw e;
        }
        return description.members().isEmpty()
                && (description.groupState() == GroupState.EMPTY || description.groupState() == GroupState.DEAD);
    }

    @Override
    public void close() {
        admin.close();
    }

    /**
     * @param done         input records the generation has processed and committed
     * @param total        input records there are now
     * @param steps        records of its series stage not yet processed
     * @param stepsWritten offsets of its series stage's topic written (without the last commit markers)
     * @param stepsRead    offsets of its series stage's topic processed and committed
     */
    public record Progress(long done, long total, long steps, long stepsWritten, long stepsRead, Instant at) {

        public boolean caughtUp() {
            return done >= total && steps == 0;
        }

        /** Has processed at least every input record and series step there was at an earlier observation. */
        boolean keptUpWith(Progress earlier) {
            return done >= earlier.total && stepsRead >= earlier.stepsWritten;
        }
    }
}
