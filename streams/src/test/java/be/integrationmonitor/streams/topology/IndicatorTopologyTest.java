package be.integrationmonitor.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.generations.Generations;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class IndicatorTopologyTest {

    /** The operator tool reads a generation's progress on the repartition topic Kafka Streams makes. */
    @Test
    void seriesStepsGoThroughTheRepartitionTopicTheOperatorToolReads() {
        Topics topics = new Topics(LocalPlatform.shared().registry());
        TopologyDescription description = IndicatorTopology.build(topics, 0, topics.indicators(7), Clock.systemUTC(),
                Duration.ofSeconds(1)).describe();

        // the description names internal topics without the application id that prefixes them on the cluster
        List<String> repartitions = description.subtopologies().stream()
                .flatMap(subtopology -> subtopology.nodes().stream())
                .filter(node -> node instanceof TopologyDescription.Sink sink && sink.topic().endsWith("-repartition"))
                .map(node -> Generations.applicationId(7) + "-" + ((TopologyDescription.Sink) node).topic())
                .toList();
        assertThat(repartitions).containsExactly(Topics.seriesSteps(7));
    }
}
