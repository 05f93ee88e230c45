package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.platform.security.ServiceAcls;
import be.integrationmonitor.events.EventType;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.topics.Topics;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code purge}: physical removal of erased persons. Copies every event topic of input version v
 * to version v+1 without the records of the persons with an erasure request, moves the producers
 * to v+1, rebuilds the indicators from v+1 with a new engine generation (blue/green, as a replay),
 * then deletes the v topics and records the purge, which erasure receipts cite. No downtime: the
 * producers accept events throughout, the sink API serves the old generation until the new one has
 * caught up.
 */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = {"Removes the erased persons' records from the event topics: copies them to a new version "
                + "without those records, moves producers and engine to it, deletes the old topics.",
                "Kafka user on a secured cluster: maintenance (it reads and writes events)."})
public final class PurgeCommand implements Callable<Integer>, KafkaUserCommand {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    BlueGreen blueGreen;

    @Option(names = "--push-management-url", split = ",", defaultValue = "http://127.0.0.1:9002",
            description = "Management interface (health) of every partner push API (producers) instance: each must "
                    + "write to the new topics before the old ones are copied to their end (default: ${DEFAULT-VALUE}).")
    List<URI> pushes;

    @Override
    public String kafkaUser() {
        return ServiceAcls.MAINTENANCE;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> settings = kafka.settings();
        Instant deadline = blueGreen.deadline(Instant.now());
        try (Cluster cluster = new Cluster(settings)) {
            Generations now = cluster.generations();
            if (now.running().size() > 1) {
                System.err.println("a replay or purge is in progress or was left half-way (" + now
                        + "); run `replay --abort` to retire the generations not served first");
                return 2;
            }
            int from = now.inputVersion(now.serving());
            int to = from + 1;
            ErasureRequests erasures = ErasureRequests.read(settings);
            System.out.printf("purging input version %d to %d: %,d erasure requests honoured (erasures up to %s)%n",
                    from, to, erasures.requests().size(), erasures.ends());
            prepareTopics(cluster, now, from, to);
            int exit;
            try (EventCopy copy = new EventCopy(settings, from, to, erasures.requests().keySet())) {
                copy.start();
                awaitCopied(cluster, copy, from, deadline);
                exit = blueGreen.rebuild(cluster, settings, to, deadline, generation -> {
                    moveProducers(cluster, to, deadline);
                    copy.finish(cluster.offsets(eventTopics(from), OffsetSpec.latest()));
                    System.out.printf("copied %,d records to input version %d, left out %,d of erased persons%n",
                            copy.copied(), to, copy.dropped());
                    blueGreen.awaitCaughtUp(cluster, generation, deadline);
                });
            }
            if (exit != 0) {
                System.err.println("the input version " + from + " topics are kept; once every sink API serves the "
                        + "new generation and `replay --abort` has retired the old one, delete them by hand");
                return exit;
            }
            cluster.admin().deleteTopics(eventTopics(from)).all().get();
            System.out.printf("deleted the input version %d topics %s%n", from, eventTopics(from));
            reportDeadLetters(settings, erasures.requests().keySet());
            Purge purge = new Purge(to, Instant.now(), new HashMap<>(erasures.ends()));
            cluster.record(purge);
            System.out.printf("purge completed at %s: the records of %,d erased persons are gone from the event topics%n",
                    purge.completed(), erasures.requests().size());
            return 0;
        }
    }

    /**
     * The new version's topics, partitioned and replicated as the old ones. Left over from a purge
     * that stopped before the producers moved, they hold only copies: made again from scratch.
     * After the producers moved they also hold new events: kept, and copied into again (the copies
     * a second time are harmless, the engine counts an eventId once).
     */
    private void prepareTopics(Cluster cluster, Generations now, int from, int to) throws Exception {
        Set<String> existing = cluster.admin().listTopics().names().get();
        if (now.writing() == from) {
            List<String> leftOver = eventTopics(to).stream().filter(existing::contains).toList();
            if (!leftOver.isEmpty()) {
                System.out.println("deleting the partial copies of a purge left half-way: " + leftOver);
                cluster.admin().deleteTopics(leftOver).all().get();
                while (cluster.admin().listTopics().names().get().stream().anyMatch(leftOver::contains)) {
                    Thread.sleep(200);
                }
            }
        } else {
            System.out.println("resuming a purge: the producers already write to input version " + now.writing());
        }
        Map<String, TopicDescription> old = cluster.describe(eventTopics(from));
        List<NewTopic> topics = new ArrayList<>();
        for (EventType<?> type : EventType.ALL) {
            TopicDescription description = old.get(type.topic(from));
            topics.add(Topics.event(type, to, description.partitions().size(),
                    (short) description.partitions().get(0).replicas().size()));
        }
        for (NewTopic topic : topics) {
            createUntilDone(cluster, topic);
        }
        System.out.printf("created %s%n", eventTopics(to));
    }

    /** A topic deleted a moment ago may still be marked for deletion: its creation is retried. */
    private static void createUntilDone(Cluster cluster, NewTopic topic) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                cluster.admin().createTopics(List.of(topic)).all().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                if (cluster.admin().listTopics().names().get().contains(topic.name()) || attempt > 50) {
                    return;
                }
                Thread.sleep(200);
            }
        }
    }

    /** Copies what the old topics hold now before the new generation starts, so that its catching up means something. */
    private static void awaitCopied(Cluster cluster, EventCopy copy, int from, Instant deadline) throws Exception {
        Map<TopicPartition, Long> ends = cluster.offsets(eventTopics(from), OffsetSpec.latest());
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        long shown = -1;
        while (!copy.reached(ends)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the copy has not caught up by " + deadline);
            }
            long done = copy.copied() + copy.dropped();
            if (done / 10_000 != shown) {
                System.out.printf("copying: %,d of %,d records read%n", done, total);
                shown = done / 10_000;
            }
            Thread.sleep(500);
        }
        System.out.printf("copied the %,d records there were (%,d of erased persons left out); copying what arrives%n",
                copy.copied(), copy.dropped());
    }

    /** Records that the producers write to the new version, and waits until every instance does. */
    private void moveProducers(Cluster cluster, int to, Instant deadline) throws Exception {
        cluster.write(cluster.generations().writing(to));
        PushApis apis = new PushApis(pushes);
        while (!apis.allWrite(to)) {
            if (Instant.now().isAfter(deadline)) {
                pushes.forEach(push -> System.err.println(push + " writes input version " + apis.writing(push)));
                throw new IllegalStateException("not every producer writes input version " + to + " by " + deadline);
            }
            Thread.sleep(500);
        }
        System.out.printf("every producer writes input version %d%n", to);
    }

    /**
     * {@code dead-letter} has one name for every version (the engine writes it, {@code dead-letters}
     * lists and re-drives it): its records of erased persons are counted, not removed.
     */
    private static void reportDeadLetters(Map<String, Object> settings, Set<String> erased) throws Exception {
        long[] theirs = new long[1];
        DeadLetterReader.read(settings, letter -> {
            if (letter.key() != null && erased.contains(new String(letter.key(), StandardCharsets.UTF_8))) {
                theirs[0]++;
            }
        });
        if (theirs[0] > 0) {
            System.out.printf("dead-letter holds %,d records of erased persons; they count in no indicator "
                    + "(see docs/operations.md#purge)%n", theirs[0]);
        }
    }

    private static List<String> eventTopics(int version) {
        return EventType.ALL.stream().map(type -> type.topic(version)).toList();
    }
}
