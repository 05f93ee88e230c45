package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.TopicPartition;

/**
 * Where one person's erasure stands: when the request was written, whether the served indicators
 * are recomputed without the person, and which purge removed their records from the event topics.
 */
final class ErasureReceipt {

    private static final Duration STEP_CHECK = Duration.ofMillis(500);
    private static final int STEP_CHECKS = 10;

    private ErasureReceipt() {
    }

    /** Prints the receipt; false if there is no request for the person. */
    static boolean print(Map<String, Object> settings, String personRef) throws ExecutionException, InterruptedException {
        ErasureRequests.Request request = ErasureRequests.read(settings).requests().get(personRef);
        if (request == null) {
            System.out.println("no erasure request for " + personRef);
            return false;
        }
        System.out.printf("erasure of %s%n  requested   %s (%s)%n", personRef, request.written(), request.position());
        try (Cluster cluster = new Cluster(settings)) {
            Optional<Purge> removed = cluster.purges().stream()
                    .filter(purge -> purge.honoured(request.partition(), request.offset())).findFirst();
            System.out.println(recomputedBy(cluster, request).map(generation -> String.format("  recomputed  yes: "
                    + "every indicator served (generation %d) is without this person (checked %s)", generation, Instant.now()))
                    .orElse("  recomputed  not yet: the served generation has not read the request"));
            System.out.println(removed.map(purge -> String.format("  removed     %s, by the purge to input version %d",
                    purge.completed(), purge.version()))
                    .orElse("  removed     pending until the next purge (`purge`)"));
        }
        return true;
    }

    /**
     * The served generation, if it has read the request (its committed offset on the request's
     * partition is past it) and summed every series step written until then (the retraction of the
     * person's steps goes out in the same transaction as that commit): the indicators it serves are
     * without the person. Partners may be pushing meanwhile: steps written later are not waited for.
     */
    static Optional<Integer> recomputedBy(Cluster cluster, ErasureRequests.Request request)
            throws ExecutionException, InterruptedException {
        Generations now = cluster.generations();
        String application = Generations.applicationId(now.serving());
        long committed = cluster.committed(application)
                .getOrDefault(new TopicPartition(Topics.ERASURES, request.partition()), 0L);
        if (committed <= request.offset()) {
            return Optional.empty();
        }
        Cluster.Progress read = cluster.progress(now.serving());
        for (int check = 0; check < STEP_CHECKS; check++) {
            Cluster.Progress later = cluster.progress(now.serving());
            if (later.steps() == 0 || later.stepsRead() >= read.stepsWritten()) {
                return Optional.of(now.serving());
            }
            Thread.sleep(STEP_CHECK.toMillis());
        }
        return Optional.empty();
    }
}
