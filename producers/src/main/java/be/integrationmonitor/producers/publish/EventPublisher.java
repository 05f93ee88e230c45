package be.integrationmonitor.producers.publish;

import be.integrationmonitor.producers.mapping.MappingResult;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Publishes events to their type's topic, keyed by personRef. The returned Uni completes when
 * Kafka has durably written the record (acks=all, idempotent producer; see application.properties).
 */
@ApplicationScoped
public class EventPublisher {

    private final MutinyEmitter<SpecificRecord> emitter;

    public EventPublisher(@Channel("events") MutinyEmitter<SpecificRecord> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> publish(MappingResult.Mapped event) {
        return emitter.sendMessage(Message.of(event.event()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.type().topic())
                .withKey(event.personRef())
                .build()));
    }
}
