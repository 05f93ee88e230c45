package be.integrationmonitor.deploy.ops;

import java.net.URI;
import java.util.List;

/**
 * Asks partner push API (producers) instances, at their management interface, which input version of the event topics they write
 * (their readiness check says {@code writing-version} once every event sent to the previous version
 * is written).
 */
final class PushApis {

    private final Readiness readiness = new Readiness();
    private final List<URI> instances;

    PushApis(List<URI> instances) {
        this.instances = instances;
    }

    List<URI> instances() {
        return instances;
    }

    /** The version an instance writes, or a short reason why it cannot say. */
    String writing(URI instance) {
        return readiness.datum(instance, "writing-version");
    }

    boolean allWrite(int version) {
        return instances.stream().allMatch(instance -> String.valueOf(version).equals(writing(instance)));
    }
}
