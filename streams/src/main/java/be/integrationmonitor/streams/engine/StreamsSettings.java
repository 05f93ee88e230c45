package be.integrationmonitor.streams.engine;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.config.Config;

/**
 * The Kafka Streams settings: every {@code kafka-streams.*} property of the configuration, prefix
 * removed, including those given only as environment variables
 * ({@code KAFKA_STREAMS_NUM_STANDBY_REPLICAS=1} → {@code num.standby.replicas=1}).
 */
final class StreamsSettings {

    private static final String PREFIX = "kafka-streams.";
    private static final String ENV_PREFIX = "KAFKA_STREAMS_";

    private StreamsSettings() {
    }

    static Properties from(Config config, Map<String, String> environment) {
        Properties properties = new Properties();
        environment.keySet().stream().filter(name -> name.startsWith(ENV_PREFIX))
                .forEach(name -> properties.put(
                        name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                        environment.get(name)));
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                properties.put(name.substring(PREFIX.length()), config.getValue(name, String.class));
            }
        }
        return properties;
    }
}
