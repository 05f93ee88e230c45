package be.integrationmonitor.topics;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the topics of {@link Topics#definitions} that do not exist yet; existing ones are left as they are. */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /** @return the names of the topics it created */
    public static List<String> createMissing(Admin admin, int partitions, short replicationFactor)
            throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = Topics.definitions(partitions, replicationFactor).stream()
                .filter(t -> !existing.contains(t.name()))
                .toList();
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get();
        }
        return missing.stream().map(NewTopic::name).toList();
    }
}
