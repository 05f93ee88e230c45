package be.integrationmonitor.deploy;

import be.integrationmonitor.deploy.bench.BenchCommand;
import be.integrationmonitor.deploy.feed.FeedCommand;
import be.integrationmonitor.deploy.ops.DeadLettersCommand;
import be.integrationmonitor.deploy.ops.EraseCommand;
import be.integrationmonitor.deploy.ops.PurgeCommand;
import be.integrationmonitor.deploy.ops.ReplayCommand;
import be.integrationmonitor.deploy.ops.ResetCommand;
import be.integrationmonitor.deploy.ops.SchemasCommand;
import be.integrationmonitor.deploy.ops.StatusCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar deploy/target/deploy.jar}: the local launcher and the operators' tool. */
@Command(name = "integration-monitor", mixinStandardHelpOptions = true, version = "0.1.0",
        description = "Runs integration-monitor on this machine, feeds it, and operates it.",
        subcommands = {RunCommand.class, FeedCommand.class, StatusCommand.class, SchemasCommand.class,
                ReplayCommand.class, ResetCommand.class, EraseCommand.class, PurgeCommand.class, DeadLettersCommand.class,
                BenchCommand.class})
public final class Cli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Cli()).execute(args));
    }
}
