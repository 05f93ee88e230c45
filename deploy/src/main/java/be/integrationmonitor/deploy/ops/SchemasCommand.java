package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.events.EventType;
import be.integrationmonitor.indicators.IndicatorValue;
import be.integrationmonitor.registry.SchemaRegistryClient;
import be.integrationmonitor.topics.RegistryUrls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code schemas check|register}: the local schemas against the registry's compatibility rule
 * (BACKWARD: consumers with the new schema read every record already written), before anything
 * is deployed. Register refuses to register anything unless every schema passes.
 */
@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "Checks the local Avro schemas against the schema registry, or registers them.",
        subcommands = {SchemasCommand.Check.class, SchemasCommand.Register.class})
public final class SchemasCommand {

    @Option(names = "--registry-url", defaultValue = "http://127.0.0.1:8081", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Schema registry (default: ${DEFAULT-VALUE}).")
    String registryUrl;

    @Option(names = "--dir", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Directory of .avsc files (e.g. schemas/src/main/avro); default: the schemas of this build.")
    Path dir;

    /** A local schema and the subjects it must be compatible with. */
    record Candidate(Schema schema, List<String> subjects) {
    }

    /** A verdict per subject; false when any is incompatible. */
    boolean check(SchemaRegistryClient registry, List<Candidate> candidates) {
        boolean allCompatible = true;
        System.out.printf("%-28s %-36s %-9s %s%n", "schema", "subject", "versions", "result");
        for (Candidate candidate : candidates) {
            for (String subject : candidate.subjects()) {
                List<Integer> versions = registry.subjects().contains(subject) ? registry.versions(subject) : List.of();
                boolean compatible = registry.isCompatible(subject, candidate.schema());
                allCompatible &= compatible;
                System.out.printf("%-28s %-36s %-9s %s%n", candidate.schema().getName(), subject,
                        versions.isEmpty() ? "-" : versions.get(versions.size() - 1),
                        versions.isEmpty() ? "new subject" : compatible ? "compatible" : "INCOMPATIBLE");
            }
        }
        return allCompatible;
    }

    List<Candidate> candidates(SchemaRegistryClient registry) throws IOException {
        List<Schema> schemas = new ArrayList<>();
        if (dir == null) {
            EventType.ALL.forEach(type -> schemas.add(type.schema()));
            schemas.add(IndicatorValue.getClassSchema());
        } else {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                    schemas.add(new Schema.Parser().parse(file.toFile()));
                }
            }
        }
        List<String> registered = registry.subjects();
        List<Candidate> candidates = new ArrayList<>();
        for (Schema schema : schemas) {
            candidates.add(new Candidate(schema, subjects(schema, registered)));
        }
        return candidates;
    }

    /** Event schemas: their topic's subject; indicator values: the subject of every generation's topic. */
    private static List<String> subjects(Schema schema, List<String> registered) {
        for (EventType<?> type : EventType.ALL) {
            if (type.schema().getFullName().equals(schema.getFullName())) {
                return List.of(SchemaRegistryClient.valueSubject(type.topic()));
            }
        }
        if (IndicatorValue.getClassSchema().getFullName().equals(schema.getFullName())) {
            return registered.stream().filter(s -> s.matches("indicators\\.\\d+-value")).sorted().toList();
        }
        throw new IllegalArgumentException(schema.getFullName() + " is not a schema of integration-monitor");
    }

    SchemaRegistryClient registry() {
        return new SchemaRegistryClient(new RegistryUrls(registryUrl));
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Says for every local schema whether the registry would accept it; exit code 1 if not.")
    static final class Check implements Callable<Integer> {
        @ParentCommand
        SchemasCommand schemas;

        @Override
        public Integer call() throws IOException {
            SchemaRegistryClient registry = schemas.registry();
            boolean ok = schemas.check(registry, schemas.candidates(registry));
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
            SchemaRegistryClient registry = schemas.registry();
            List<Candidate> candidates = schemas.candidates(registry);
            if (!schemas.check(registry, candidates)) {
                System.out.println("nothing registered: an incompatible schema (see above)");
                return 1;
            }
            for (Candidate candidate : candidates) {
                for (String subject : candidate.subjects()) {
                    int id = registry.register(subject, candidate.schema());
                    System.out.printf("registered %s under %s: schema id %d, versions %s%n",
                            candidate.schema().getName(), subject, id, registry.versions(subject));
                }
            }
            return 0;
        }
    }
}
