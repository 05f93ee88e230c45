package be.integrationmonitor.deploy.ops;

import java.net.URI;
import java.util.List;

/** Asks sink API instances, at their management interface, which indicators topic they serve (their readiness check says). */
public final class SinkApis {

    private final Readiness readiness = new Readiness();
    private final List<URI> instances;

    public SinkApis(List<URI> instances) {
        this.instances = instances;
    }

    List<URI> instances() {
        return instances;
    }

    /** The topic an instance serves, or a short reason why it cannot say. */
    String served(URI instance) {
        return readiness.datum(instance, "topic");
    }

    public boolean allServe(String topic) {
        return instances.stream().allMatch(instance -> topic.equals(served(instance)));
    }
}
