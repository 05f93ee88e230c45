package be.integrationmonitor.streams.topology;

import be.integrationmonitor.topics.RegistryUrls;
import be.integrationmonitor.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.Topology;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hands the topology to Quarkus' Kafka Streams extension, which runs and monitors it. */
@ApplicationScoped
public class TopologyProducer {

    /** Dependent scope on purpose: Kafka Streams reads Topology's fields, which a client proxy would hide. */
    @Produces
    Topology topology(@ConfigProperty(name = "registry.url") String registryUrl,
                      @ConfigProperty(name = "im.emit.interval") Duration emitInterval) {
        return IndicatorTopology.build(new Topics(new RegistryUrls(registryUrl)), Clock.systemUTC(), emitInterval);
    }
}
