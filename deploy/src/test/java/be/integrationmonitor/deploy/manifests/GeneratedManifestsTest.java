package be.integrationmonitor.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The checked-in topics, users and compose topic script are exactly what the code generates
 * ({@link GeneratedManifests}): a topic or an ACL changed in the code without regenerating fails
 * here. With {@code -Dim.manifests.write=true} the files are rewritten instead.
 */
class GeneratedManifestsTest {

    @Test
    void checkedInFilesAreWhatTheCodeGenerates() throws Exception {
        boolean write = Boolean.getBoolean("im.manifests.write");
        for (Map.Entry<String, String> file : GeneratedManifests.all().entrySet()) {
            Path path = Repo.path(file.getKey());
            if (write) {
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
                if (path.toString().endsWith(".sh")) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            assertThat(path).as("%s is missing; generate it with: %s", file.getKey(), GeneratedManifests.REGENERATE)
                    .isRegularFile();
            assertThat(Files.readString(path))
                    .as("%s differs from what the code generates (Topics.definitions, ServiceAcls);"
                            + " regenerate it with: %s", file.getKey(), GeneratedManifests.REGENERATE)
                    .isEqualTo(file.getValue());
        }
    }

    @Test
    void theGeneratedFilesFollowTheCatalogues() {
        assertThat(GeneratedManifests.kafkaTopics())
                .contains("name: indicators.1", "name: generations", "name: erasures", "cleanup.policy: compact",
                        "partitions: " + GeneratedManifests.K8S_PARTITIONS, "replicas: 3");
        assertThat(GeneratedManifests.kafkaUsers())
                .contains("name: producers", "name: streams", "name: sink-api", "name: admin",
                        "patternType: prefix", "type: transactionalId");
        assertThat(GeneratedManifests.composeTopicScript())
                .contains("--topic indicators.1 --partitions " + GeneratedManifests.COMPOSE_PARTITIONS
                        + " --replication-factor 3 --config cleanup.policy=compact");
    }
}
