package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.platform.security.ServiceAcls;
import be.integrationmonitor.generations.Generations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.tools.StreamsResetter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code reset}: in-place rebuild for small installations, with downtime. With the engine stopped,
 * Kafka's StreamsResetter sets the served generation back to the start of its inputs and deletes
 * its internal topics; this command also deletes the local state and empties the output topic.
 */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Resets the served engine generation in place (engine and sink API stopped): inputs from "
                + "the beginning, internal topics, local state and output emptied.", "Kafka user on a secured cluster: "
                + "maintenance (committing the inputs' offsets needs read access to the events)."})
public final class ResetCommand implements Callable<Integer>, KafkaUserCommand {

    @Mixin
    KafkaOptions kafka;

    @Mixin
    HistoryOptions history;

    @Option(names = "--state-dir", defaultValue = "local-data/streams-state",
            description = "The engine's state directory (im.state.dir) on this machine (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Override
    public String kafkaUser() {
        return ServiceAcls.MAINTENANCE;
    }

    @Override
    public Integer call() throws Exception {
        try (Cluster cluster = new Cluster(kafka.settings())) {
            Generations generations = cluster.generations();
            if (generations.running().size() > 1) {
                System.err.println("a replay is in progress (" + generations + "): finish it or run `replay --abort`");
                return 2;
            }
            int generation = generations.serving();
            String application = Generations.applicationId(generation);
            if (!cluster.groupEmpty(application)) {
                System.err.println("the engine still runs " + application + ": stop every engine instance first");
                return 2;
            }
            if (!history.allowsRebuild(cluster)) {
                return 2;
            }
            List<String> args = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrapServers,
                    "--application-id", application, "--input-topics", String.join(",", cluster.servedInputs()),
                    "--to-earliest"));
            if (kafka.commandConfig != null) {
                args.addAll(List.of("--config-file", kafka.commandConfig.toString()));
            }
            int exit = new StreamsResetter().execute(args.toArray(String[]::new));
            if (exit != 0) {
                System.err.println("StreamsResetter failed (exit " + exit + ")");
                return exit;
            }
            deleteRecursively(stateDir.resolve(application));
            cluster.admin().deleteTopics(List.of(Generations.outputTopic(generation))).all().get();
            awaitDeleted(cluster, Generations.outputTopic(generation));
            cluster.createOutput(generation);
            System.out.printf("generation %d reset: its inputs are read from the beginning at the next start, "
                    + "local state %s deleted, %s emptied. Start the engine, then restart the sink API.%n",
                    generation, stateDir.resolve(application), Generations.outputTopic(generation));
            return 0;
        }
    }

    private static void awaitDeleted(Cluster cluster, String topic) throws Exception {
        while (cluster.admin().listTopics().names().get().contains(topic)) {
            Thread.sleep(200);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
