package be.integrationmonitor.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaConnectionTest {

    @Test
    void keepsTheServersAndTheLoginOnly() {
        Properties settings = new Properties();
        settings.putAll(Map.of("bootstrap.servers", "broker:9092", "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512", "ssl.truststore.location", "/etc/truststore.p12",
                "application.id", "integration-monitor-indicators-1", "group.id", "engine",
                "num.stream.threads", 2));

        assertThat(KafkaConnection.of(settings)).isEqualTo(Map.of("bootstrap.servers", "broker:9092",
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "ssl.truststore.location", "/etc/truststore.p12"));
    }
}
