package be.integrationmonitor.producers.mapping;

import be.integrationmonitor.api.FieldError;
import be.integrationmonitor.events.EventType;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** The outcome of mapping one submitted event. */
public sealed interface MappingResult {

    /** A valid event, ready to publish under its person's key. */
    record Mapped(EventType<?> type, SpecificRecord event, String eventId, String personRef) implements MappingResult {
    }

    /**
     * An event that is not published.
     *
     * @param forbidden the partner may not publish this type or for this municipality (HTTP 403)
     */
    record Rejected(String eventId, List<FieldError> errors, boolean forbidden) implements MappingResult {
    }
}
