package be.integrationmonitor.producers.partner;

import java.util.Optional;
import java.util.Set;

/** An authenticated partner and what it may publish. */
public record Partner(String id, PartnerKind kind, Optional<String> municipality, Set<String> eventTypes) {

    public boolean mayPublish(String eventType) {
        return eventTypes.contains(eventType);
    }

    public boolean mayPublishFor(String nisCode) {
        return municipality.map(nisCode::equals).orElse(true);
    }
}
