package be.integrationmonitor.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose/compose.yaml as Compose itself reads it: {@code docker-compose config} validates the
 * file against the Compose schema and resolves its variables, without a Docker engine. Debian's
 * docker-compose is installed with apt-get when missing and the build runs as root (as CI does);
 * otherwise the test is skipped, saying what to install.
 */
class ComposeConfigTest {

    private static final Path DOCKER_COMPOSE = Path.of("/usr/bin/docker-compose");
    /** The registry's public key for the operator's tokens: not a secret, but without a default too. */
    private static final String OPERATOR_KEY = "REGISTRY_OPERATOR_PUBLIC_KEY=not-a-real-key\n";
    private static final String SECRETS = "IM_PSEUDONYMISATION_KEY=aW50ZWdyYXRpb24tbW9uaXRvci10ZXN0LWtleS0zMmI=\n"
            + "REGISTRY_DB_PASSWORD=not-a-real-password\n" + OPERATOR_KEY;

    @BeforeAll
    static void dockerCompose() throws Exception {
        if (Files.isExecutable(DOCKER_COMPOSE)) {
            return;
        }
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "validating compose.yaml needs " + DOCKER_COMPOSE + ": apt-get install docker-compose (as root)");
        Result install = run(Repo.root(), List.of("sh", "-c", "apt-get update -q && DEBIAN_FRONTEND=noninteractive"
                + " apt-get install -y -q --no-install-recommends docker-compose"), 600);
        assertThat(install.exit).as("apt-get install docker-compose:\n%s", install.output).isZero();
        assertThat(DOCKER_COMPOSE).isExecutable();
    }

    @Test
    void composeAcceptsTheFile() throws Exception {
        Path env = Files.createTempFile("im-compose-", ".env");
        Files.writeString(env, SECRETS);
        Result config = config(Repo.path(Manifests.COMPOSE), env);
        assertThat(config.exit).as("docker-compose config:\n%s", config.output).isZero();
    }

    @Test
    void theSecretsHaveNoDefault() throws Exception {
        Path env = Files.createTempFile("im-compose-", ".env");
        Files.writeString(env, "REGISTRY_DB_PASSWORD=not-a-real-password\n" + OPERATOR_KEY);
        Result config = config(Repo.path(Manifests.COMPOSE), env);
        assertThat(config.exit).as(config.output).isNotZero();
        assertThat(config.output).contains("IM_PSEUDONYMISATION_KEY");
    }

    @Test
    void composeRefusesAMistake() throws Exception {
        Path env = Files.createTempFile("im-compose-", ".env");
        Files.writeString(env, SECRETS);
        Path broken = Files.createTempDirectory("im-compose-").resolve("compose.yaml");
        String yaml = Files.readString(Repo.path(Manifests.COMPOSE));
        assertThat(yaml).contains("condition: service_completed_successfully");
        Files.writeString(broken, yaml.replaceFirst("condition: service_completed_successfully",
                "condition: service_completed"));
        Result config = config(broken, env);
        assertThat(config.exit).as(config.output).isNotZero();
        assertThat(config.output).contains("service_completed");
    }

    private static Result config(Path file, Path env) throws Exception {
        return run(file.getParent(), List.of(DOCKER_COMPOSE.toString(), "--env-file", env.toString(),
                "-f", file.toString(), "config", "-q"), 120);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, List<String> command, int timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectErrorStream(true);
        // only the file and the env file given decide: no variables of the developer's shell
        builder.environment().keySet().removeIf(name -> name.startsWith("IM_") || name.startsWith("REGISTRY_")
                || name.startsWith("KAFKA_") || name.startsWith("COMPOSE_"));
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
