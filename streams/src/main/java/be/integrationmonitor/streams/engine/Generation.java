package be.integrationmonitor.streams.engine;

import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.registry.RegistryFaults;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.jboss.logging.Logger;

/** One running generation of the engine: a Kafka Streams application of its own, with its metrics. */
final class Generation {

    private static final Logger LOG = Logger.getLogger(Generation.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final int number;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics metrics;

    private Generation(int number, KafkaStreams streams, KafkaStreamsMetrics metrics) {
        this.number = number;
        this.streams = streams;
        this.metrics = metrics;
    }

    static Generation start(int number, Topology topology, Properties settings, MeterRegistry registry) {
        Properties properties = new Properties();
        properties.putAll(settings);
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, Generations.applicationId(number));
        KafkaStreams streams = new KafkaStreams(topology, properties);
        streams.setUncaughtExceptionHandler(Generation::onThreadFailure);
        KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams, Tags.of("generation", String.valueOf(number)));
        metrics.bindTo(registry);
        streams.start();
        LOG.infof("generation %d started: application %s, output %s", number, Generations.applicationId(number),
                Generations.outputTopic(number));
        return new Generation(number, streams, metrics);
    }

    /**
     * A thread that failed because the schema registry is unreachable is replaced: it resumes from
     * its last commit, so the engine waits for the registry instead of losing records. Anything else
     * stops the generation (the liveness check then fails and the service is restarted).
     */
    private static StreamThreadExceptionResponse onThreadFailure(Throwable failure) {
        if (RegistryFaults.isOutage(failure)) {
            LOG.warnf("schema registry unreachable: a stream thread is replaced and reads again from its last "
                    + "commit (%s)", failure.getMessage());
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("a stream thread failed; the generation stops", failure);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    KafkaStreams.State state() {
        return streams.state();
    }

    /** This instance's active and standby tasks of the generation, as they stand now. */
    Engine.Tasks tasks() {
        SortedSet<String> active = new TreeSet<>();
        SortedSet<String> standby = new TreeSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            thread.activeTasks().forEach(task -> active.add(task.taskId().toString()));
            thread.standbyTasks().forEach(task -> standby.add(task.taskId().toString()));
        }
        return new Engine.Tasks(active, standby);
    }

    /** Stops it; its local state stays for the next start. */
    void close() {
        metrics.close();
        streams.close(CLOSE_TIMEOUT);
    }

    /**
     * Stops it for good, leaving its consumer group at once (so that the operator's replay can
     * delete its topics without waiting for a session timeout), and deletes its local state.
     */
    void retire() {
        metrics.close();
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(
                CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        streams.cleanUp();
        LOG.infof("generation %d retired: stopped, left its group, local state deleted", number);
    }
}
