package be.integrationmonitor.deploy.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The deployment files: every YAML document under deploy/k8s, and deploy/compose/compose.yaml. */
final class Manifests {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final String K8S = "deploy/k8s";
    static final String COMPOSE = "deploy/compose/compose.yaml";

    /** One YAML document of a file. */
    record Document(Path file, JsonNode node) {

        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + file.getFileName() + ")";
        }
    }

    private Manifests() {
    }

    static List<Path> k8sFiles() {
        try (Stream<Path> files = Files.list(Repo.path(K8S))) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty document of every file under deploy/k8s. */
    static List<Document> k8s() {
        List<Document> documents = new ArrayList<>();
        for (Path file : k8sFiles()) {
            documents.addAll(read(file));
        }
        return documents;
    }

    static List<Document> k8s(String kind) {
        return k8s().stream().filter(d -> d.kind().equals(kind)).toList();
    }

    static Document k8s(String kind, String name) {
        return k8s(kind).stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + K8S));
    }

    static JsonNode compose() {
        List<Document> documents = read(Repo.path(COMPOSE));
        if (documents.size() != 1) {
            throw new AssertionError(COMPOSE + " must hold one YAML document, not " + documents.size());
        }
        return documents.get(0).node();
    }

    /** Parses every document of a file; fails on a YAML syntax error. */
    static List<Document> read(Path file) {
        List<Document> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> nodes = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (nodes.hasNext()) {
                JsonNode node = nodes.next();
                if (node != null && !node.isNull() && !node.isMissingNode() && !node.isEmpty()) {
                    documents.add(new Document(file, node));
                }
            }
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid YAML: " + e.getMessage(), e);
        }
        return documents;
    }
}
