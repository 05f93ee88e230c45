package be.integrationmonitor.sink.state;

import be.integrationmonitor.generations.GenerationLog;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.topics.RegistryUrls;
import be.integrationmonitor.topics.SchemaInstanceDatumProvider;
import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps {@link IndicatorState} on the indicators topic of the generation that the
 * {@code generations} topic says to serve. At start it reads that topic completely before serving
 * anything; when an operator's replay switches to a new generation, it reads the new topic
 * completely next to the served one, then swaps them in one step. Until the swap, and if the new
 * topic never catches up, the old generation keeps being served and followed.
 */
@ApplicationScoped
public class IndicatorFeed {

    private static final Logger LOG = Logger.getLogger(IndicatorFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final IndicatorState state;
    private final Map<String, Object> kafka;
    private final Map<String, Object> consumer;
    private volatile boolean running = true;
    private volatile boolean failed;
    private volatile String loadingTopic;
    private volatile GenerationLog log;

    /** @param kafka every {@code kafka.*} setting: servers and, on a secured cluster, security */
    public IndicatorFeed(IndicatorState state, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                         @ConfigProperty(name = "registry.url") String registry) {
        this.state = state;
        this.kafka = Map.copyOf(kafka);
        Map<String, Object> config = new HashMap<>(kafka);
        config.keySet().removeIf(key -> !ConsumerConfig.configNames().contains(key));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class);
        config.put(SchemaResolverConfig.REGISTRY_URL, new RegistryUrls(registry).nativeApi());
        // generic records: any compatible writer schema, no generated class needed
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, false);
        config.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, SchemaInstanceDatumProvider.class);
        this.consumer = Map.copyOf(config);
    }

    void start(@Observes StartupEvent event) {
        Thread thread = new Thread(this::run, "indicators-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        GenerationLog current = log;
        if (current != null) {
            current.wakeup();
        }
    }

    /** True once a whole topic is served, as long as the feed works. */
    public boolean caughtUp() {
        return !failed && state.topic().isPresent();
    }

    /** The topic being read to replace the served one, if any. */
    public Optional<String> switchingTo() {
        return Optional.ofNullable(loadingTopic);
    }

    private void run() {
        TopicReader served = null;
        TopicReader loading = null;
        try (GenerationLog generations = new GenerationLog(kafka)) {
            log = generations;
            Generations desired = generations.readToEnd();
            while (running) {
                String wanted = desired.servedTopic();
                boolean current = served != null && served.topic().equals(wanted);
                if (!current && (loading == null || !loading.topic().equals(wanted))) {
                    close(loading);
                    loading = TopicReader.open(wanted, consumer).orElse(null);
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
            }
        } catch (WakeupException e) {
            LOG.debug("indicators feed stopped");
        } catch (RuntimeException e) {
            LOG.error("indicators feed failed; the sink stays not ready", e);
            failed = true;
        } finally {
            close(loading);
            close(served);
        }
    }

    private static void close(TopicReader reader) {
        if (reader != null) {
            reader.close();
        }
    }
}
