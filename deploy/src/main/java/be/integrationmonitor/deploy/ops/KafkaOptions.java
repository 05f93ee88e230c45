package be.integrationmonitor.deploy.ops;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** How the operator commands reach Kafka: servers and, on a secured cluster, a client settings file. */
public final class KafkaOptions {

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--command-config", description = "Client settings file (security.protocol, sasl.*, ssl.*), "
            + "as for Kafka's own tools, of the Kafka user the command names (operator or maintenance).")
    Path commandConfig;

    /** Settings for any Kafka client of the command. */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        if (commandConfig != null) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(commandConfig)) {
                file.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + commandConfig + ": " + e.getMessage(), e);
            }
            file.forEach((key, value) -> settings.put(key.toString(), value));
        }
        settings.put("bootstrap.servers", bootstrapServers);
        return settings;
    }
}
