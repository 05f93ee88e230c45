package be.integrationmonitor.streams.health;

import be.integrationmonitor.streams.engine.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.SortedMap;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while every generation runs: not before they start, nor while one rebalances or restores state. */
@Readiness
@ApplicationScoped
public class RunningCheck implements HealthCheck {

    private final Engine engine;

    public RunningCheck(Engine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        SortedMap<Integer, KafkaStreams.State> states = engine.states();
        return GenerationStates.describe(HealthCheckResponse.named("Kafka Streams running"), states)
                .status(engine.following() && !states.isEmpty()
                        && states.values().stream().allMatch(s -> s == KafkaStreams.State.RUNNING))
                .build();
    }
}
