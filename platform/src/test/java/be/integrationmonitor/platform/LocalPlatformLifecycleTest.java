package be.integrationmonitor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.registry.SchemaRegistryClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** A platform stops without leaving processes or ports behind, and keeps its data across restarts. */
class LocalPlatformLifecycleTest {

    @Test
    void stopsCleanlyAndKeepsTopicsAndSchemasAcrossARestart() throws Exception {
        Path data = Files.createTempDirectory("im-lifecycle-");
        LocalPlatform.Settings settings = new LocalPlatform.Settings(data, Ports.free(), Ports.free(), Ports.free(),
                "512m", "384m", 1);
        int schemaId;
        LocalPlatform first = LocalPlatform.start(settings);
        try (Admin admin = first.admin()) {
            assertThat(admin.listTopics().names().get()).contains(
                    "protection-status-changed", "residence-changed", "income-support-decided",
                    "housing-aid-granted", "indicators.1", "generations", "dead-letter");
            ConfigResource indicators = new ConfigResource(ConfigResource.Type.TOPIC, "indicators.1");
            ConfigEntry cleanup = admin.describeConfigs(Set.of(indicators)).all().get().get(indicators)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG);
            assertThat(cleanup.value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            schemaId = first.operator().register("lifecycle-value", EventType.RESIDENCE_CHANGED.schema());
        } finally {
            first.close();
        }
        List<ChildJvm> jvms = List.of(first.broker().jvm(), first.schemaRegistry().jvm());
        assertThat(jvms).noneMatch(ChildJvm::isAlive);
        assertThat(List.of(settings.kafkaPort(), settings.controllerPort(), settings.registryPort()))
                .noneMatch(Ports::isOpen);

        Path key = LocalPlatform.operatorKeyFile(data);
        assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String keyBefore = Files.readString(key);

        try (LocalPlatform second = LocalPlatform.start(settings); Admin admin = second.admin()) {
            assertThat(admin.listTopics().names().get()).contains("indicators.1");
            assertThat(new SchemaRegistryClient(second.registry()).schemaById(schemaId))
                    .isEqualTo(EventType.RESIDENCE_CHANGED.schema());
            // the same operator key, which the restarted registry still trusts
            assertThat(Files.readString(key)).isEqualTo(keyBefore);
            assertThat(second.operator().register("lifecycle-value", EventType.RESIDENCE_CHANGED.schema()))
                    .isEqualTo(schemaId);
        }
    }

    /** Measured before: a registration SIGKILLed within H2's write delay (500 ms) was gone after the restart. */
    @Test
    void aSchemaRegisteredJustBeforeTheRegistryIsKilledIsThereAfterItsRestart() {
        try (LocalPlatform platform = LocalPlatform.start(LocalPlatform.Settings.ephemeral())) {
            SchemaRegistryClient registry = platform.operator();
            int schemaId = registry.register("crash-value", EventType.HOUSING_AID_GRANTED.schema());
            platform.killRegistry();
            platform.restartRegistry();
            assertThat(registry.schemaById(schemaId)).isEqualTo(EventType.HOUSING_AID_GRANTED.schema());
        }
    }

    @Test
    void refusesAPortThatIsTaken() {
        LocalPlatform shared = LocalPlatform.shared();
        int taken = Integer.parseInt(shared.bootstrapServers().substring(shared.bootstrapServers().lastIndexOf(':') + 1));
        assertThatThrownBy(() -> KafkaBroker.start(Path.of("target/unused"), taken, Ports.free(), "128m"))
                .hasMessageContaining("port " + taken);
    }
}
