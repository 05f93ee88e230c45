package be.integrationmonitor.producers.publish;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalInt;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness says which input version of the event topics this instance writes
 * ({@code writing-version}); the operators' purge waits until every instance says the new one.
 * Down once the instance no longer follows the {@code generations} topic: a purge could not move it.
 */
@Readiness
@ApplicationScoped
public class WritingVersionCheck implements HealthCheck {

    private final EventPublisher publisher;

    public WritingVersionCheck(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public HealthCheckResponse call() {
        OptionalInt version = publisher.writingVersion();
        return HealthCheckResponse.named("event-topics").status(version.isPresent())
                .withData("writing-version", version.isPresent() ? version.getAsInt() : -1).build();
    }
}
