package be.integrationmonitor.platform.security;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * SASL/SCRAM-SHA-512, the only authentication of a secured cluster: the client settings a service
 * needs. The password itself comes from a secret at run time (an environment variable or a mounted
 * file), never from the repository.
 */
public final class Scram {

    public static final String MECHANISM = "SCRAM-SHA-512";
    /** Iterations of a SCRAM credential stored on the cluster (Kafka's minimum for SHA-512 is 4096). */
    public static final int ITERATIONS = 8192;

    private Scram() {
    }

    /** The value of {@code sasl.jaas.config} for a user. */
    public static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /**
     * The client settings of a user: bootstrap servers, {@code security.protocol},
     * {@code sasl.mechanism} and {@code sasl.jaas.config}.
     *
     * @param securityProtocol {@code SASL_PLAINTEXT} (local broker) or {@code SASL_SSL} (production)
     */
    public static Map<String, Object> clientSettings(String bootstrapServers, String securityProtocol,
                                                     String user, String password) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        settings.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user, password));
        return settings;
    }
}
