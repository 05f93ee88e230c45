package be.integrationmonitor.sink.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CatchUpTest {

    private static final TopicPartition P0 = new TopicPartition("indicators", 0);
    private static final TopicPartition P1 = new TopicPartition("indicators", 1);

    @Test
    void isReachedOnlyWhenEveryPartitionIsAtItsEndOffsetOfTheStart() {
        CatchUp catchUp = new CatchUp(Map.of(P0, 10L, P1, 0L));
        assertThat(catchUp.reached(tp -> tp.equals(P0) ? 9 : 0)).isFalse();
        assertThat(catchUp.reached(tp -> tp.equals(P0) ? 10 : 0)).isTrue();
        assertThat(catchUp.reached(tp -> 12)).as("records written since the start").isTrue();
    }
}
