package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.topics.HistoryRetention;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Option;

/**
 * Replay and reset rebuild every indicator from the input topics: where their oldest records are
 * already deleted, the rebuilt indicators would silently lose them, so both commands refuse unless
 * the operator accepts it.
 */
public final class HistoryOptions {

    @Option(names = "--accept-partial-history", description = "Rebuild even though the oldest records of an "
            + "input topic are deleted (its log start offset is above 0); the indicators will not count them.")
    boolean acceptPartialHistory;

    /** Says what is missing, if anything; true when the rebuild may go on. */
    boolean allowsRebuild(Cluster cluster) throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> lost = HistoryRetention.lost(cluster.admin(), cluster.servedInputs());
        if (lost.isEmpty()) {
            return true;
        }
        System.err.println("history is already deleted from the input topics (records before the log start offset):");
        lost.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(TopicPartition::toString)))
                .forEach(e -> System.err.printf("  %-40s offsets 0 to %,d gone%n", e.getKey(), e.getValue() - 1));
        System.err.printf("  %,d records in all%n", lost.values().stream().mapToLong(Long::longValue).sum());
        if (acceptPartialHistory) {
            System.err.println("--accept-partial-history: rebuilding from what is left; those records count no more");
            return true;
        }
        System.err.println("refusing: the rebuilt indicators would silently leave them out. Restore the topics from a "
                + "backup, or accept the loss with --accept-partial-history (see docs/operations.md#retention)");
        return false;
    }
}
