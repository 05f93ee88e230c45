package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.platform.security.ServiceAcls;
import be.integrationmonitor.generations.Generations;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code replay}: blue/green rebuild of every indicator. Starts engine generation n+1 (own
 * application id, state and output topic) reading every input topic from the beginning, shows its
 * progress, switches the sink API to it once it has caught up, then retires generation n and
 * deletes its topics. Ctrl-C before the switch abandons the new generation; the old one serves on.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Rebuilds every indicator from the input topics with a new engine generation, then "
                + "switches the sink API to it (blue/green, no downtime).", "Kafka user on a secured cluster: operator."})
public final class ReplayCommand implements Callable<Integer>, KafkaUserCommand {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    HistoryOptions history;

    @Mixin
    BlueGreen blueGreen;

    @Option(names = "--abort", description = "Retire every generation that is not served (a replay left half-way).")
    boolean abort;

    @Override
    public String kafkaUser() {
        return ServiceAcls.OPERATOR;
    }

    @Override
    public Integer call() throws Exception {
        try (Cluster cluster = new Cluster(kafka.settings())) {
            Generations now = cluster.generations();
            if (abort) {
                for (int generation : now.running()) {
                    if (generation != now.serving()) {
                        BlueGreen.abandon(kafka.settings(), generation);
                    }
                }
                System.out.println("running: " + cluster.generations());
                return 0;
            }
            if (now.running().size() > 1) {
                System.err.println("a replay is in progress or was left half-way (" + now
                        + "); run `replay --abort` to retire the generations not served first");
                return 2;
            }
            if (!history.allowsRebuild(cluster)) {
                return 2;
            }
            return blueGreen.rebuild(cluster, kafka.settings(), now.inputVersion(now.serving()),
                    blueGreen.deadline(Instant.now()), generation -> { });
        }
    }
}
