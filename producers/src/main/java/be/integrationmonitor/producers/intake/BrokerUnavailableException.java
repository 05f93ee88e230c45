package be.integrationmonitor.producers.intake;

import be.integrationmonitor.producers.push.LineResult;
import java.util.List;

/**
 * Kafka (or the schema registry) did not acknowledge a write in time. The lines in
 * {@link #acknowledged()} were durably written; the others were not, and re-sending them all is safe.
 */
public class BrokerUnavailableException extends Exception {

    private final transient List<LineResult> acknowledged;

    public BrokerUnavailableException(Throwable cause, List<LineResult> acknowledged) {
        // the cause's class only: Kafka's messages name no personal data, but keep it certain
        super("Kafka did not acknowledge the events: " + cause.getClass().getSimpleName());
        this.acknowledged = acknowledged;
    }

    public List<LineResult> acknowledged() {
        return acknowledged;
    }
}
