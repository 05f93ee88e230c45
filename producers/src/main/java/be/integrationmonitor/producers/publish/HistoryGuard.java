package be.integrationmonitor.producers.publish;

import be.integrationmonitor.topics.HistoryRetention;
import be.integrationmonitor.topics.Topics;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start on event topics that would delete history: an accepted event must stay for every
 * future replay (see {@link HistoryRetention}), in every input version a purge has made
 * ({@code <topic>.v<n>}). Topics not created yet are left to their creator.
 */
@ApplicationScoped
@Startup
public class HistoryGuard {

    private static final long TIMEOUT_SECONDS = 120;

    public HistoryGuard(KafkaSettings kafka,
                        @ConfigProperty(name = "im.history.minimum-retention") String minimumRetention)
            throws ExecutionException, InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(kafka.admin())) {
            Set<String> existing = admin.listTopics(new ListTopicsOptions()).names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            HistoryRetention.require(admin, history(existing), HistoryRetention.parseMinimum(minimumRetention));
        }
    }

    /** The history topics among those that exist, of every input version. */
    static List<String> history(Set<String> existing) {
        return existing.stream().filter(topic -> Topics.history().contains(Topics.unversioned(topic))).sorted().toList();
    }
}
