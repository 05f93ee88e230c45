package be.integrationmonitor.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The checkout the launcher runs from, and the services' runnables in it. */
final class Project {

    private Project() {
    }

    static Path root() {
        String configured = System.getProperty("im.home");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        try (InputStream in = Project.class.getResourceAsStream("/deploy.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return Path.of(properties.getProperty("project.root")).toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Quarkus service's runnable, {@code <module>/target/quarkus-app/quarkus-run.jar}. */
    static Path serviceJar(String module) {
        Path jar = root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no runnable for " + module + " at " + jar
                    + "; build it with: mvn -B install -DskipTests");
        }
        return jar;
    }
}
