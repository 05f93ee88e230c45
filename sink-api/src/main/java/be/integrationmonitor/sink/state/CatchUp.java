package be.integrationmonitor.sink.state;

import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/** The end offsets of the topic when the sink started: it is ready once its positions reach them. */
record CatchUp(Map<TopicPartition, Long> endOffsets) {

    boolean reached(ToLongFunction<TopicPartition> position) {
        return endOffsets.entrySet().stream().allMatch(e -> position.applyAsLong(e.getKey()) >= e.getValue());
    }
}
