package be.integrationmonitor.deploy.manifests;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What configuration a Quarkus service reads, from its sources: the keys of its
 * application.properties (any profile), the keys its code asks for ({@code @ConfigProperty(name)},
 * {@code @ConfigMapping(prefix)}), and the prefixes it passes through whole: {@code kafka.*} when
 * it takes Quarkus' {@code default-kafka-broker} map, {@code kafka-streams.*} when it reads those
 * (StreamsSettings), and {@code quarkus.*}. An environment variable sets a key when it is the key's
 * Quarkus environment name: every character other than a letter or digit becomes {@code _}, upper case.
 */
final class ServiceConfig {

    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    /** Variables of the image itself (run-java.sh of the ubi9 openjdk images), not of the application. */
    static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_OPTS_APPEND");

    final String module;
    final Properties properties = new Properties();
    final Set<String> keys = new TreeSet<>();
    final Set<String> prefixes = new TreeSet<>();

    private ServiceConfig(String module) {
        this.module = module;
    }

    static ServiceConfig of(String module) {
        ServiceConfig config = new ServiceConfig(module);
        Path root = Repo.path(module);
        try (Reader in = Files.newBufferedReader(root.resolve("src/main/resources/application.properties"))) {
            config.properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : config.properties.stringPropertyNames()) {
            config.keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        config.prefixes.add("quarkus.");
        for (String source : sources(root.resolve("src/main/java"))) {
            find(CONFIG_PROPERTY, source, config.keys);
            List<String> mappings = new ArrayList<>();
            find(CONFIG_MAPPING, source, mappings);
            mappings.forEach(prefix -> config.prefixes.add(prefix + "."));
            if (source.contains("\"default-kafka-broker\"")) {
                config.prefixes.add("kafka.");
            }
            if (source.contains("\"kafka-streams.\"") && source.contains("\"KAFKA_STREAMS_\"")) {
                config.prefixes.add("kafka-streams.");
            }
        }
        return config;
    }

    /** The key (or pass-through prefix) an environment variable sets, if the service reads it. */
    Optional<String> keyOf(String environmentVariable) {
        for (String key : keys) {
            if (environmentName(key).equals(environmentVariable)) {
                return Optional.of(key);
            }
        }
        for (String prefix : prefixes) {
            if (environmentVariable.startsWith(environmentName(prefix))) {
                return Optional.of(prefix + "*");
            }
        }
        return Optional.empty();
    }

    /** The HTTP port of the service (quarkus.http.port of its application.properties). */
    int httpPort() {
        return Integer.parseInt(properties.getProperty("quarkus.http.port"));
    }

    /** Whether it serves health, metrics and OpenAPI on a port of their own (quarkus.management.enabled). */
    boolean hasManagementInterface() {
        return Boolean.parseBoolean(properties.getProperty("quarkus.management.enabled", "false"));
    }

    /**
     * Where its health, metrics and OpenAPI are: quarkus.management.port, or its one HTTP port for
     * a service that serves nothing else (the engine).
     */
    int managementPort() {
        return hasManagementInterface() ? Integer.parseInt(properties.getProperty("quarkus.management.port")) : httpPort();
    }

    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static void find(Pattern pattern, String source, java.util.Collection<String> into) {
        Matcher matcher = pattern.matcher(source);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static List<String> sources(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
