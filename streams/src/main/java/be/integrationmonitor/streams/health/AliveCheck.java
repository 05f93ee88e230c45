package be.integrationmonitor.streams.health;

import be.integrationmonitor.streams.engine.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.SortedMap;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive unless a generation has failed for good or the generations topic can no longer be followed. */
@Liveness
@ApplicationScoped
public class AliveCheck implements HealthCheck {

    private final Engine engine;

    public AliveCheck(Engine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        SortedMap<Integer, KafkaStreams.State> states = engine.states();
        return GenerationStates.describe(HealthCheckResponse.named("Kafka Streams alive"), states)
                .status(engine.following() && states.values().stream().noneMatch(s ->
                        s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR))
                .build();
    }
}
