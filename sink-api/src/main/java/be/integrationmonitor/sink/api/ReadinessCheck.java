package be.integrationmonitor.sink.api;

import be.integrationmonitor.sink.state.IndicatorFeed;
import be.integrationmonitor.sink.state.IndicatorState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the state holds the whole topic as it was at start: a replica never serves a partial state. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    private final IndicatorFeed feed;
    private final IndicatorState state;

    public ReadinessCheck(IndicatorFeed feed, IndicatorState state) {
        this.feed = feed;
        this.state = state;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("indicators-caught-up").status(feed.caughtUp())
                .withData("cells", state.cells()).build();
    }
}
