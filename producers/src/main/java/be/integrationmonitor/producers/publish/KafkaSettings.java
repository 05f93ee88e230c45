package be.integrationmonitor.producers.publish;

import be.integrationmonitor.topics.KafkaConnection;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The {@code kafka.*} configuration (Quarkus' default Kafka broker), split for producers and consumers. */
@ApplicationScoped
public class KafkaSettings {

    private final Map<String, Object> all;

    @Inject
    public KafkaSettings(@Identifier("default-kafka-broker") Map<String, Object> all) {
        this.all = all;
    }

    public Map<String, Object> producer() {
        return only(ProducerConfig.configNames());
    }

    /** For a consumer that assigns itself partitions: no group, no committed offsets. */
    public Map<String, Object> groupLessConsumer() {
        Map<String, Object> config = only(ConsumerConfig.configNames());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    /** The servers and, on a secured cluster, the login ({@code security.*}, {@code sasl.*}, {@code ssl.*}). */
    public Map<String, Object> admin() {
        return KafkaConnection.of(all);
    }

    private Map<String, Object> only(Set<String> names) {
        Map<String, Object> config = new HashMap<>();
        all.forEach((key, value) -> {
            if (names.contains(key)) {
                config.put(key, value);
            }
        });
        return config;
    }
}
