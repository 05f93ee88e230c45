package be.integrationmonitor.streams.health;

import be.integrationmonitor.registry.RegistryHealth;
import be.integrationmonitor.streams.engine.Engine;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.SortedMap;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while every generation runs: not before they start, nor while one rebalances or restores state,
 * nor while the schema registry is unreachable (reading is paused then).
 * Its data also say which tasks of each generation this instance runs, active and standby.
 */
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
        HealthCheckResponseBuilder response =
                GenerationStates.describe(HealthCheckResponse.named("Kafka Streams running"), states);
        // which tasks this instance runs, e.g. generation-1-active: "0_0 1_0", generation-1-standby: "0_1 1_1"
        engine.tasks().forEach((number, tasks) -> response
                .withData("generation-" + number + "-active", String.join(" ", tasks.active()))
                .withData("generation-" + number + "-standby", String.join(" ", tasks.standby())));
        RegistryHealth.unreachableSince().ifPresent(since ->
                response.withData("schema-registry", "unreachable since " + since + ": reading paused"));
        return response
                .status(engine.following() && RegistryHealth.unreachableSince().isEmpty() && !states.isEmpty()
                        && states.values().stream().allMatch(s -> s == KafkaStreams.State.RUNNING))
                .build();
    }
}
