package be.integrationmonitor.sink.state;

import be.integrationmonitor.generations.GenerationLog;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.registry.RegistryFaults;
import be.integrationmonitor.topics.RegistryUrls;
import be.integrationmonitor.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps {@link IndicatorState} on the indicators topic of the generation that the
 * {@code generations} topic says to serve. At start it reads that topic completely before serving
 * anything; when an operator's replay switches to a new generation, it reads the new topic
 * completely next to the served one, then swaps them in one step. Until the swap, and if the new
 * topic never catches up, the old generation keeps being served and followed.
 *
 * <p>Faults do not end the feed. Any exception (Kafka away, a call timing out, the schema registry
 * away) pauses it: the readers are closed, and after a backoff (200 ms doubling to 10 s) they are
 * reopened where they stopped, until it reads again. The served cells stay served meanwhile, but
 * the service is not ready ({@link #pause()}). Only an {@link Error} ends the feed thread, and then
 * the service is not live ({@link #alive()}), so that it is restarted.
 */
@ApplicationScoped
public class IndicatorFeed {

    private static final Logger LOG = Logger.getLogger(IndicatorFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** Blocking Kafka calls (end offsets, partitions, positions) fail after this, so a pause shows soon. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** How long one record read waits for an unreachable registry before the feed pauses. */
    private static final Duration REGISTRY_PATIENCE = Duration.ofSeconds(1);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final IndicatorState state;
    private final Map<String, Object> kafka;
    private final ReaderResources readers;
    private volatile Thread thread;
    private volatile boolean running = true;
    private volatile FeedPause pause;
    private volatile String loadingTopic;
    private volatile GenerationLog log;
    private TopicReader served;
    private TopicReader loading;
    private Duration backoff = FIRST_BACKOFF;

    /** @param kafka every {@code kafka.*} setting: servers and, on a secured cluster, security */
    public IndicatorFeed(IndicatorState state, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                         @ConfigProperty(name = "registry.url") String registry, MeterRegistry meters) {
        this.state = state;
        Map<String, Object> clients = new HashMap<>(kafka);
        clients.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        this.kafka = Map.copyOf(clients);
        Counter unreadable = Counter.builder("im.sink.unreadable.records")
                .description("records of an indicators topic skipped because no retry can read them").register(meters);
        this.readers = new ReaderResources(this.kafka,
                new Topics(new RegistryUrls(registry)).genericDeserializer(REGISTRY_PATIENCE), unreadable);
    }

    void start(@Observes StartupEvent event) {
        Thread feed = new Thread(this::run, "indicators-feed");
        feed.setDaemon(true);
        thread = feed;
        feed.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        GenerationLog current = log;
        if (current != null) {
            current.wakeup();
        }
        Thread feed = thread;
        if (feed != null) {
            LockSupport.unpark(feed);
        }
    }

    /** True once a whole topic is served, as long as the feed reads. */
    public boolean caughtUp() {
        return pause == null && state.topic().isPresent();
    }

    /** Why and since when the feed cannot read, while it cannot. */
    public Optional<FeedPause> pause() {
        return Optional.ofNullable(pause);
    }

    /** The topic being read to replace the served one, if any. */
    public Optional<String> switchingTo() {
        return Optional.ofNullable(loadingTopic);
    }

    /** Records skipped since the start because no retry can read them (each logged as an error). */
    public long unreadableRecords() {
        return readers.unreadable();
    }

    /** False once the feed thread has died: only a restart brings it back. */
    public boolean alive() {
        Thread feed = thread;
        return !running || feed == null || feed.isAlive();
    }

    private void run() {
        try {
            while (running) {
                try {
                    follow();
                } catch (RuntimeException e) {
                    if (running) {
                        paused(e);
                        close(loading);
                        close(served);
                        backOff();
                    }
                }
            }
            LOG.debug("indicators feed stopped");
        } catch (Error e) {
            LOG.fatal("the indicators feed thread died; the service is not live any more", e);
            throw e;
        } finally {
            close(loading);
            close(served);
            readers.close();
        }
    }

    /** Follows the generations and the topics until stopped; throws on any fault. */
    private void follow() {
        try (GenerationLog generations = new GenerationLog(kafka)) {
            log = generations;
            if (!running) { // stopped before this log could be woken up
                return;
            }
            resume(served);
            resume(loading);
            Generations desired = generations.readToEnd();
            while (running) {
                String wanted = desired.servedTopic();
                boolean current = served != null && served.topic().equals(wanted);
                if (!current && (loading == null || !loading.topic().equals(wanted))) {
                    close(loading);
                    loading = null; // until the wanted topic opens, which may fail
                    loading = TopicReader.open(wanted, readers).orElse(null);
                    loadingTopic = wanted;
                }
                if (current && loading != null) { // the switch was called off: keep the served topic
                    close(loading);
                    loading = null;
                }
                if (loading != null && loading.poll(POLL)) {
                    state.serve(loading.cells(), loading.topic());
                    LOG.infof("now serving %s (%d cells)%s", loading.topic(), loading.cells().count(),
                            served == null ? "" : " instead of " + served.topic());
                    close(served);
                    served = loading;
                    loading = null;
                }
                loadingTopic = loading == null ? null : loading.topic();
                if (served != null) {
                    served.poll(loading == null ? POLL : Duration.ZERO);
                }
                desired = generations.poll(loading == null && !current ? POLL : Duration.ZERO);
                reading();
            }
        }
    }

    /** Logs once per change of reason, not per retry. */
    private void paused(RuntimeException e) {
        String reason;
        if (e instanceof RecordDeserializationException && RegistryFaults.isOutage(e)) {
            reason = "schema registry unreachable";
        } else if (e instanceof KafkaException) {
            reason = "cannot read from Kafka (" + e.getClass().getSimpleName() + ")";
        } else {
            reason = "feed failing (" + e.getClass().getSimpleName() + ")";
        }
        FeedPause previous = pause;
        if (previous == null || !previous.reason().equals(reason)) {
            LOG.warnf(e, "indicators feed paused: %s; not ready, still serving what it holds, retrying", reason);
            pause = new FeedPause(reason, previous == null ? Instant.now() : previous.since());
        }
    }

    /**
     * A whole round went through, Kafka answering: the pause is over unless a record still waits
     * for the registry (a round can end before the consumer has fetched that record again).
     */
    private void reading() {
        FeedPause previous = pause;
        if (previous != null && !waitsForRegistry(served) && !waitsForRegistry(loading)) {
            LOG.infof("indicators feed reading again after %d s (%s)",
                    Duration.between(previous.since(), Instant.now()).toSeconds(), previous.reason());
            pause = null;
            backoff = FIRST_BACKOFF;
        }
    }

    private void backOff() {
        long deadline = System.nanoTime() + backoff.toNanos();
        while (running && System.nanoTime() < deadline) {
            LockSupport.parkNanos(deadline - System.nanoTime());
        }
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    private static boolean waitsForRegistry(TopicReader reader) {
        return reader != null && reader.waitsForRegistry();
    }

    private static void resume(TopicReader reader) {
        if (reader != null) {
            reader.resume();
        }
    }

    private static void close(TopicReader reader) {
        if (reader != null) {
            reader.close();
        }
    }
}
