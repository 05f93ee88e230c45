package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.registry.SchemaRegistryClient;
import be.integrationmonitor.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code schemas check|register}: the local schemas against the registry's compatibility rule
 * (BACKWARD: consumers with the new schema read every record already written), before anything
 * is deployed. Register refuses to register anything unless every schema passes. Both act as the
 * registry's operator (its key file): a secured registry answers compatibility checks to it alone.
 */
@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "Checks the local Avro schemas against the schema registry, or registers them (as its operator).",
        subcommands = {SchemasCommand.Check.class, SchemasCommand.Register.class})
public final class SchemasCommand {

    @Mixin
    RegistryOptions registry;

    @Option(names = "--dir", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Directory of .avsc files (e.g. schemas/src/main/avro); default: the schemas of this build.")
    Path dir;

    /** A local schema and the subject it is registered under. */
    record Candidate(Schema schema, String subject) {
    }

    /** A verdict per subject; false when any is incompatible. */
    boolean check(SchemaRegistryClient registry, List<Candidate> candidates) {
        boolean allCompatible = true;
        System.out.printf("%-28s %-36s %-9s %s%n", "schema", "subject", "versions", "result");
        List<String> registered = registry.subjects();
        for (Candidate candidate : candidates) {
            String subject = candidate.subject();
            List<Integer> versions = registered.contains(subject) ? registry.versions(subject) : List.of();
            boolean compatible = registry.isCompatible(subject, candidate.schema());
            allCompatible &= compatible;
            System.out.printf("%-28s %-36s %-9s %s%n", candidate.schema().getName(), subject,
                    versions.isEmpty() ? "-" : versions.get(versions.size() - 1),
                    versions.isEmpty() ? "new subject" : compatible ? "compatible" : "INCOMPATIBLE");
        }
        return allCompatible;
    }

    List<Candidate> candidates() throws IOException {
        if (dir == null) {
            return Topics.valueSchemas().entrySet().stream().map(e -> new Candidate(e.getValue(), e.getKey())).toList();
        }
        List<Candidate> candidates = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                Schema schema = new Schema.Parser().parse(file.toFile());
                candidates.add(new Candidate(schema, subject(schema)));
            }
        }
        return candidates;
    }

    /** The subject of this build's schema of the same name: an event topic's, or every generation's indicators'. */
    private static String subject(Schema schema) {
        return Topics.valueSchemas().entrySet().stream()
                .filter(e -> e.getValue().getFullName().equals(schema.getFullName()))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(schema.getFullName() + " is not a schema of integration-monitor"));
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Says for every local schema whether the registry would accept it; exit code 1 if not.")
    static final class Check implements Callable<Integer> {
        @ParentCommand
        SchemasCommand schemas;

        @Override
        public Integer call() throws IOException {
            boolean ok = schemas.check(schemas.registry.operator(), schemas.candidates());
            System.out.println(ok ? "every schema is compatible" : "refused: an incompatible change needs a new "
                    + "topic version and a migration (see docs/operations.md)");
            return ok ? 0 : 1;
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Checks every local schema, then registers them all, or none if one is incompatible.")
    static final class Register implements Callable<Integer> {
        @ParentCommand
        SchemasCommand schemas;

        @Override
        public Integer call() throws IOException {
            SchemaRegistryClient registry = schemas.registry.operator();
            List<Candidate> candidates = schemas.candidates();
            if (!schemas.check(registry, candidates)) {
                System.out.println("nothing registered: an incompatible schema (see above)");
                return 1;
            }
            for (Candidate candidate : candidates) {
                int id = registry.register(candidate.subject(), candidate.schema());
                System.out.printf("registered %s under %s: schema id %d, versions %s%n",
                        candidate.schema().getName(), candidate.subject(), id, registry.versions(candidate.subject()));
            }
            return 0;
        }
    }
}
