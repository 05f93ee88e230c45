package be.integrationmonitor.streams.health;

import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** The health data of both checks: each generation's Kafka Streams state, e.g. {@code generation-2: RUNNING}. */
final class GenerationStates {

    private GenerationStates() {
    }

    static HealthCheckResponseBuilder describe(HealthCheckResponseBuilder builder, Map<Integer, KafkaStreams.State> states) {
        states.forEach((number, state) -> builder.withData("generation-" + number, state.name()));
        return builder;
    }
}
