package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.deploy.RunCommand;
import be.integrationmonitor.platform.LocalPlatform;
import be.integrationmonitor.registry.OperatorKeyFile;
import be.integrationmonitor.registry.RegistryToken;
import be.integrationmonitor.registry.SchemaRegistryClient;
import be.integrationmonitor.topics.RegistryUrls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * How the operator commands reach the schema registry: its address and the operator's private key,
 * from a file (in production the operator's Secret mounted or copied there; never a literal on the
 * command line, which the process list would show).
 */
public final class RegistryOptions {

    @Option(names = "--registry-url", defaultValue = "http://127.0.0.1:8081", scope = ScopeType.INHERIT,
            description = "Schema registry (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--registry-key-file", defaultValue = RunCommand.DATA_DIR + "/" + LocalPlatform.OPERATOR_KEY,
            scope = ScopeType.INHERIT, description = "The registry operator's private key, PKCS#8 PEM "
            + "(default: the local run's, ${DEFAULT-VALUE}).")
    Path keyFile;

    /** Anonymous: reads schemas. */
    SchemaRegistryClient reader() {
        return new SchemaRegistryClient(urls());
    }

    /** As the operator: registers schemas, reads and changes compatibility rules. */
    SchemaRegistryClient operator() {
        return new SchemaRegistryClient(urls(), RegistryToken.operator(OperatorKeyFile.read(keyFile)));
    }

    /** As the operator if its key file is there. */
    Optional<SchemaRegistryClient> operatorIfKeyed() {
        return Files.isRegularFile(keyFile) ? Optional.of(operator()) : Optional.empty();
    }

    String url() {
        return url;
    }

    private RegistryUrls urls() {
        return new RegistryUrls(url);
    }
}
