package be.integrationmonitor.topics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/** How every Kafka client of a service reaches the cluster, whatever else it is configured with. */
public final class KafkaConnection {

    /** The login's settings on a secured cluster: a client without them is refused. */
    private static final List<String> SECURITY_PREFIXES = List.of("security.", "sasl.", "ssl.");

    private KafkaConnection() {
    }

    /** The servers and, on a secured cluster, the login ({@code security.*}, {@code sasl.*}, {@code ssl.*}) of a service's Kafka settings. */
    public static Map<String, Object> of(Map<?, ?> settings) {
        Map<String, Object> connection = new HashMap<>();
        settings.forEach((key, value) -> {
            String name = key.toString();
            if (name.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                    || SECURITY_PREFIXES.stream().anyMatch(name::startsWith)) {
                connection.put(name, value);
            }
        });
        return connection;
    }
}
