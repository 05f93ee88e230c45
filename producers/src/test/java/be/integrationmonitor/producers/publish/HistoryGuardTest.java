package be.integrationmonitor.producers.publish;

import static org.assertj.core.api.Assertions.assertThat;

import be.integrationmonitor.topics.Topics;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HistoryGuardTest {

    @Test
    void theEventTopicsOfEveryInputVersionAreGuardedAndNothingElse() {
        Set<String> existing = Set.of("residence-changed", "residence-changed.v2", "housing-aid-granted.v3",
                Topics.ERASURES, Topics.GENERATIONS, Topics.DEAD_LETTER, "unrelated.v2");

        assertThat(HistoryGuard.history(existing)).containsExactly(
                Topics.ERASURES, "housing-aid-granted.v3", "residence-changed", "residence-changed.v2");
    }
}
