package be.integrationmonitor.streams.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while Kafka Streams is RUNNING: not while it rebalances or restores state. (The
 * extension's own checks cover the rest: liveness = running or rebalancing, readiness = topics exist.)
 */
@Readiness
@ApplicationScoped
public class RunningCheck implements HealthCheck {

    private final KafkaStreams streams;

    public RunningCheck(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaStreams.State state = streams.state();
        return HealthCheckResponse.named("Kafka Streams running").status(state == KafkaStreams.State.RUNNING)
                .withData("state", state.name()).build();
    }
}
