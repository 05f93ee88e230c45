package be.integrationmonitor.deploy.manifests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The checkout the tests run in (deploy.properties, written at build time, says where). */
final class Repo {

    private Repo() {
    }

    static Path root() {
        try (InputStream in = Repo.class.getResourceAsStream("/deploy.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            Path root = Path.of(properties.getProperty("project.root")).toAbsolutePath().normalize();
            if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("deploy"))) {
                throw new IllegalStateException("not the repository root: " + root);
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }
}
