package be.integrationmonitor.sink.state;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import be.integrationmonitor.topics.RegistryUrls;
import be.integrationmonitor.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads the whole compacted {@code indicators} topic into {@link IndicatorState}, then follows it.
 * Every instance assigns itself all partitions from the beginning (no consumer group: replicas are
 * independent and each complete) and reads committed records only. Ready once the end offsets seen
 * at start are reached.
 */
@ApplicationScoped
public class IndicatorFeed {

    private static final Logger LOG = Logger.getLogger(IndicatorFeed.class);

    private final IndicatorState state;
    private final Map<String, Object> config;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, GenericRecord> consumer;

    public IndicatorFeed(IndicatorState state, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                         @ConfigProperty(name = "registry.url") String registry) {
        this.state = state;
        this.config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class,
                SchemaResolverConfig.REGISTRY_URL, new RegistryUrls(registry).nativeApi(),
                // generic records: any compatible writer schema, no generated class needed
                AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, false);
    }

    void start(@Observes StartupEvent event) {
        Thread thread = new Thread(this::run, "indicators-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, GenericRecord> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    public boolean caughtUp() {
        return caughtUp;
    }

    private void run() {
        try (KafkaConsumer<String, GenericRecord> kafka = new KafkaConsumer<>(config)) {
            consumer = kafka;
            List<TopicPartition> partitions = kafka.partitionsFor(Topics.INDICATORS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            CatchUp catchUp = new CatchUp(kafka.endOffsets(partitions));
            LOG.infof("rebuilding the state from %s, up to %s", Topics.INDICATORS, catchUp.endOffsets());
            while (running) {
                poll(kafka);
                if (!caughtUp && catchUp.reached(kafka::position)) {
                    caughtUp = true;
                    LOG.infof("caught up with %s: %d cells", Topics.INDICATORS, state.cells());
                }
            }
        } catch (WakeupException e) {
            LOG.debug("indicators feed stopped");
        } catch (RuntimeException e) {
            LOG.error("indicators feed failed; the sink stays not ready", e);
            caughtUp = false;
        }
    }

    private void poll(KafkaConsumer<String, GenericRecord> kafka) {
        try {
            for (ConsumerRecord<String, GenericRecord> record : kafka.poll(Duration.ofMillis(500))) {
                CellValue update = record.value() == null ? CellValue.deleted(record.key()) : CellValue.of(record.value());
                if (!state.apply(update)) {
                    LOG.warnf("skipped a cell of an unknown geo unit at %s-%d@%d",
                            record.topic(), record.partition(), record.offset());
                }
            }
        } catch (RecordDeserializationException e) {
            LOG.errorf("skipped an unreadable record at %s@%d: %s", e.topicPartition(), e.offset(), e.getMessage());
            kafka.seek(e.topicPartition(), e.offset() + 1);
        }
    }
}
