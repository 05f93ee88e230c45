package be.integrationmonitor.producers.publish;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.producers.mapping.MappingResult;
import be.integrationmonitor.registry.SchemaRegistryClient;
import be.integrationmonitor.topics.RegistryUrls;
import be.integrationmonitor.topics.Topics;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes events to their type's topic, keyed by personRef. The returned future completes when
 * Kafka has durably written the record: acks=all and an idempotent producer (kafka.* settings in
 * application.properties), so a retried batch is never written twice by the producer itself.
 */
@ApplicationScoped
@Startup
public class EventPublisher {

    private final Producer<String, SpecificRecord> producer;

    public EventPublisher(KafkaSettings kafka, @ConfigProperty(name = "registry.url") String registryUrl) {
        RegistryUrls registry = new RegistryUrls(registryUrl);
        registerSchemas(registry);
        AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>();
        serializer.configure(new Topics(registry).serdeConfig(), false);
        this.producer = new KafkaProducer<>(kafka.producer(), new StringSerializer(), serializer);
    }

    public CompletableFuture<Void> publish(MappingResult.Mapped event) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(event.type().topic(), event.personRef(), event.event()),
                    (metadata, error) -> {
                        if (error == null) {
                            written.complete(null);
                        } else {
                            written.completeExceptionally(error);
                        }
                    });
        } catch (RuntimeException e) { // e.g. the registry is unreachable while serialising
            written.completeExceptionally(e);
        }
        return written;
    }

    /**
     * Registers every event schema once, before any request: concurrent first sends of a type would
     * otherwise race in the serializer's auto-registration. The registry refuses an incompatible
     * schema here, and the service does not start.
     */
    private static void registerSchemas(RegistryUrls registry) {
        SchemaRegistryClient client = new SchemaRegistryClient(registry);
        for (EventType<?> type : EventType.ALL) {
            client.register(SchemaRegistryClient.valueSubject(type.topic()), type.schema());
        }
    }

    @PreDestroy
    void close() {
        producer.close();
    }
}
