package be.integrationmonitor.producers.publish;

import be.integrationmonitor.producers.mapping.MappingResult;
import be.integrationmonitor.topics.RegistryUrls;
import be.integrationmonitor.topics.Topics;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
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
public class EventPublisher {

    private final Producer<String, SpecificRecord> producer;

    public EventPublisher(KafkaSettings kafka, @ConfigProperty(name = "registry.url") String registryUrl) {
        AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>();
        serializer.configure(new Topics(new RegistryUrls(registryUrl)).serdeConfig(), false);
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

    @PreDestroy
    void close() {
        producer.close();
    }
}
