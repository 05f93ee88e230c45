package be.integrationmonitor.sink.api;

import be.integrationmonitor.sink.state.IndicatorFeed;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the indicators feed thread runs. Kafka or the schema registry being away does not
 * fail it (the feed waits them out, and readiness says so); a dead feed thread does, so that the
 * service is restarted rather than serving cells that never change again.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    private final IndicatorFeed feed;

    public LivenessCheck(IndicatorFeed feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("indicators-feed-thread").status(feed.alive()).build();
    }
}
