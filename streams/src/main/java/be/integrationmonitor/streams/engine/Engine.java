package be.integrationmonitor.streams.engine;

import be.integrationmonitor.generations.GenerationLog;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.indicators.IndicatorValue;
import be.integrationmonitor.registry.SchemaRegistryClient;
import be.integrationmonitor.streams.topology.IndicatorTopology;
import be.integrationmonitor.topics.HistoryRetention;
import be.integrationmonitor.topics.KafkaConnection;
import be.integrationmonitor.topics.RegistryUrls;
import be.integrationmonitor.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the engine generations that the {@code generations} topic asks for: it follows the topic
 * and starts a Kafka Streams application for each generation listed as running, and stops and
 * cleans up each that is no longer listed. Every instance of the service does the same, so a
 * generation's partitions are spread over all instances.
 */
@Startup
@ApplicationScoped
public class Engine {

    private static final Logger LOG = Logger.getLogger(Engine.class);

    private final Properties settings;
    private final Topics topics;
    private final Duration emitInterval;
    private final MeterRegistry registry;
    private final Optional<Duration> minimumRetention;
    private final Map<Integer, Generation> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private volatile boolean failed;
    private volatile GenerationLog log;
    private Thread follower;

    public Engine(Config config, @ConfigProperty(name = "registry.url") String registryUrl,
                  @ConfigProperty(name = "im.emit.interval") Duration emitInterval, MeterRegistry registry,
                  @ConfigProperty(name = "im.history.minimum-retention") String minimumRetention) {
        this.settings = StreamsSettings.from(config, System.getenv());
        RegistryUrls registryUrls = new RegistryUrls(registryUrl);
        this.topics = new Topics(registryUrls);
        // the engine only reads the registry: its output schema is the operator's to register, once for every generation
        new SchemaRegistryClient(registryUrls).requireRegistered(
                Map.of(Topics.INDICATORS_SUBJECT, IndicatorValue.getClassSchema()));
        this.emitInterval = emitInterval;
        this.registry = registry;
        this.minimumRetention = HistoryRetention.parseMinimum(minimumRetention);
    }

    void start(@Observes StartupEvent event) {
        follower = new Thread(this::follow, "engine-generations");
        follower.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        GenerationLog current = log;
        if (current != null) {
            current.wakeup();
        }
        follower.join(Duration.ofSeconds(10).toMillis());
        running.values().forEach(Generation::close);
    }

    /** The state of every generation this instance runs, by number; empty until started. */
    public SortedMap<Integer, KafkaStreams.State> states() {
        SortedMap<Integer, KafkaStreams.State> states = new TreeMap<>();
        running.forEach((number, generation) -> states.put(number, generation.state()));
        return states;
    }

    /** The tasks this instance runs now for every generation it runs, by number. */
    public SortedMap<Integer, Tasks> tasks() {
        SortedMap<Integer, Tasks> tasks = new TreeMap<>();
        running.forEach((number, generation) -> tasks.put(number, generation.tasks()));
        return tasks;
    }

    /**
     * A generation's tasks on this instance, e.g. {@code 0_1} (subtopology 0, partition 1): those it
     * processes, and the hot copies of other instances' state it keeps ({@code num.standby.replicas}).
     */
    public record Tasks(SortedSet<String> active, SortedSet<String> standby) {
    }

    /** False once following the generations topic has failed: the service must be restarted. */
    public boolean following() {
        return !failed && follower != null && follower.isAlive();
    }

    private void follow() {
        try {
            awaitTopics(List.of(Topics.GENERATIONS));
            try (GenerationLog generations = new GenerationLog(clientSettings())) {
                log = generations;
                Generations desired = generations.readToEnd();
                if (!historyKept(desired)) {
                    return;
                }
                while (!stopping) {
                    reconcile(desired);
                    desired = generations.poll(Duration.ofSeconds(1));
                }
            }
        } catch (WakeupException e) {
            LOG.debug("stopped following the generations");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | ExecutionException e) {
            failed = true;
            LOG.error("cannot follow the generations topic; no generation is started or retired any more", e);
        }
    }

    private void reconcile(Generations desired) throws ExecutionException, InterruptedException {
        for (int number : desired.running()) {
            if (!running.containsKey(number) && !stopping) {
                int inputVersion = desired.inputVersion(number);
                awaitTopics(Topics.engineInputs(inputVersion));
                prepareOutput(number);
                running.put(number, Generation.start(number, IndicatorTopology.build(topics, inputVersion,
                        topics.indicators(number), Clock.systemUTC(), emitInterval), settings, registry));
            }
        }
        for (int number : Set.copyOf(running.keySet())) {
            if (!desired.running().contains(number)) {
                running.remove(number).retire();
            }
        }
    }

    /** The generation's output topic, partitioned like the input topics (a replay may have made it already). */
    private void prepareOutput(int number) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(clientSettings())) {
            int partitions = admin.describeTopics(List.of(Topics.ERASURES)).allTopicNames().get()
                    .get(Topics.ERASURES).partitions().size();
            short replication = Short.parseShort(settings.getProperty(StreamsConfig.REPLICATION_FACTOR_CONFIG, "-1"));
            admin.createTopics(List.of(Topics.indicators(number, partitions, replication))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /**
     * A replay rebuilds from the input topics: refuses to run (and stops the service) on one that
     * deletes history, in the input version of every running generation.
     */
    private boolean historyKept(Generations desired) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(clientSettings())) {
            for (int version : desired.running().stream().map(desired::inputVersion).distinct().toList()) {
                awaitTopics(Topics.history(version));
                HistoryRetention.require(admin, Topics.history(version), minimumRetention);
            }
            return true;
        } catch (IllegalStateException e) {
            failed = true;
            LOG.error(e.getMessage());
            Quarkus.asyncExit(1);
            return false;
        }
    }

    /** Kafka Streams refuses to start without its source topics: wait until they exist. */
    private void awaitTopics(List<String> needed) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(clientSettings())) {
            while (!stopping && !admin.listTopics().names().get().containsAll(needed)) {
                LOG.infof("waiting for the topics %s", needed);
                Thread.sleep(2_000);
            }
        }
    }

    /** The settings every Kafka client of the engine shares: servers and security. */
    private Map<String, Object> clientSettings() {
        return KafkaConnection.of(settings);
    }
}
