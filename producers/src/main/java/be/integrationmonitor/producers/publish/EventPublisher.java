package be.integrationmonitor.producers.publish;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.generations.GenerationLog;
import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.producers.mapping.MappingResult;
import be.integrationmonitor.registry.SchemaRegistryClient;
import be.integrationmonitor.topics.RegistryUrls;
import be.integrationmonitor.topics.Topics;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.data.SerdeMetadata;
import io.apicurio.registry.serde.data.SerdeRecord;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes events to their type's topic, keyed by personRef. The returned future completes when
 * Kafka has durably written the record: acks=all and an idempotent producer (kafka.* settings in
 * application.properties), so a retried batch is never written twice by the producer itself.
 *
 * <p>The topic is that of the input version the {@code generations} topic says the producers
 * write ({@code writing=}): a purge moves them to the next version. The version is read before
 * the first event is accepted and followed afterwards.
 */
@ApplicationScoped
@Startup
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofMinutes(2);

    private final Producer<String, SpecificRecord> producer;
    /** Sends hold it shared; a switch of version holds it alone, so no send is half-way to the old version. */
    private final ReadWriteLock switching = new ReentrantReadWriteLock();
    private final GenerationLog generations;
    private final Thread follower;
    private volatile int version;
    /** The version every send since the last switch went to, once those before it are written. */
    private volatile int switched;
    private volatile boolean following = true;

    public EventPublisher(KafkaSettings kafka, @ConfigProperty(name = "registry.url") String registryUrl)
            throws ExecutionException, InterruptedException {
        RegistryUrls registry = new RegistryUrls(registryUrl);
        requireRegisteredSchemas(registry);
        AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>();
        serializer.configure(new Topics(registry).serdeConfig(), false);
        resolveWriterSchemas(serializer);
        this.producer = new KafkaProducer<>(kafka.producer(), new StringSerializer(), serializer);
        awaitGenerationsTopic(kafka);
        this.generations = new GenerationLog(kafka.admin());
        this.version = generations.readToEnd().writing();
        this.switched = version;
        LOG.infof("writing input version %d of the event topics", version);
        this.follower = new Thread(this::follow, "writing-version");
        follower.setDaemon(true);
        follower.start();
    }

    /** Completes with where Kafka wrote the event, once written. */
    public CompletableFuture<RecordMetadata> publish(MappingResult.Mapped event) {
        CompletableFuture<RecordMetadata> written = new CompletableFuture<>();
        switching.readLock().lock();
        try {
            producer.send(new ProducerRecord<>(event.type().topic(version), event.personRef(), event.event()),
                    (metadata, error) -> {
                        if (error == null) {
                            written.complete(metadata);
                        } else {
                            written.completeExceptionally(error);
                        }
                    });
        } catch (RuntimeException e) { // e.g. the registry is unreachable while serialising
            written.completeExceptionally(e);
        } finally {
            switching.readLock().unlock();
        }
        return written;
    }

    /** The input version sends go to now. */
    public int version() {
        return version;
    }

    /**
     * The input version this instance writes, once every event sent to the previous one is written
     * there: a purge waits for every instance to say the new one before it copies the old topics'
     * last records. Empty if the instance no longer follows the generations topic.
     */
    public OptionalInt writingVersion() {
        return following ? OptionalInt.of(switched) : OptionalInt.empty();
    }

    private void follow() {
        try {
            while (following) {
                Generations desired = generations.poll(Duration.ofSeconds(1));
                if (desired.writing() != version) {
                    switchTo(desired.writing());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            following = false;
            LOG.errorf(e, "stopped following the generations topic: a purge cannot move this instance");
        }
    }

    private void switchTo(int next) {
        int previous = version;
        switching.writeLock().lock();
        try {
            version = next;
        } finally {
            switching.writeLock().unlock();
        }
        producer.flush();
        switched = next;
        LOG.infof("writing input version %d of the event topics (was %d) since %s", next, previous, Instant.now());
    }

    /** The topics are created by the installation (compose job, Strimzi, the local run), maybe after this service. */
    private static void awaitGenerationsTopic(KafkaSettings kafka) throws ExecutionException, InterruptedException {
        Instant deadline = Instant.now().plus(TOPIC_TIMEOUT);
        try (Admin admin = Admin.create(kafka.admin())) {
            while (!admin.listTopics().names().get().contains(Topics.GENERATIONS)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("no topic " + Topics.GENERATIONS + " after " + TOPIC_TIMEOUT
                            + ": create the topics first");
                }
                Thread.sleep(1_000);
            }
        }
    }

    /**
     * The producers only read the registry (the operator registers, docs/security.md): they do not
     * start unless every event schema they write is registered under its subject, with a message
     * naming the command that registers them.
     */
    private static void requireRegisteredSchemas(RegistryUrls registry) {
        new SchemaRegistryClient(registry).requireRegistered(Topics.eventSchemas());
    }

    /**
     * Looks up every writer schema now, while the registry answers: the serializer keeps them for the
     * life of the process, so a registry outage later does not refuse a type not sent since the start.
     */
    private static void resolveWriterSchemas(AvroKafkaSerializer<SpecificRecord> serializer) {
        for (EventType<?> type : EventType.ALL) {
            SpecificRecord instance = (SpecificRecord) SpecificData.newInstance(type.avroClass(), type.schema());
            serializer.getSchemaResolver()
                    .resolveSchema(new SerdeRecord<>(new SerdeMetadata(type.topic(), false), instance));
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        following = false;
        generations.wakeup();
        follower.join(Duration.ofSeconds(5).toMillis());
        generations.close();
        producer.close();
    }
}
