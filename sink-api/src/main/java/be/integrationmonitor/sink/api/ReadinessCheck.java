package be.integrationmonitor.sink.api;

import be.integrationmonitor.sink.state.IndicatorFeed;
import be.integrationmonitor.sink.state.IndicatorState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the state holds a whole indicators topic (a replica never serves a partial state), and
 * only while the feed can read: not while Kafka or the schema registry is away, when the cells held
 * may be stale ({@code paused}, {@code paused-since}). Says which topic (engine generation) it
 * serves, which one it is reading to switch to, and how many records it skipped as unreadable.
 */
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
        HealthCheckResponseBuilder response = HealthCheckResponse.named("indicators-caught-up").status(feed.caughtUp())
                .withData("cells", state.cells()).withData("topic", state.topic().orElse("none"))
                .withData("unreadable-records", feed.unreadableRecords());
        feed.switchingTo().ifPresent(topic -> response.withData("switching-to", topic));
        feed.pause().ifPresent(pause -> response.withData("paused", pause.reason())
                .withData("paused-since", pause.since().toString()));
        return response.build();
    }
}
