package be.integrationmonitor.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where the broker's classes and the registry's runnable are, as recorded by this module's build. */
final class Artifacts {

    private static final Properties PROPERTIES = load();

    private Artifacts() {
    }

    static String brokerClasspath() {
        return PROPERTIES.getProperty("broker.classpath");
    }

    /** The Apicurio Registry runnable; {@code -Dim.registry.jar=...} points elsewhere. */
    static Path registryJar() {
        Path jar = Path.of(System.getProperty("im.registry.jar", PROPERTIES.getProperty("registry.jar"))).normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no schema registry runnable at " + jar
                    + "; build it with: mvn -pl schema-registry package");
        }
        return jar;
    }

    private static Properties load() {
        try (InputStream in = Artifacts.class.getResourceAsStream("/platform.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
