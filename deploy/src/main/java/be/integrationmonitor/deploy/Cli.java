package be.integrationmonitor.deploy;

import be.integrationmonitor.deploy.feed.FeedCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar deploy/target/deploy.jar}: the local launcher. */
@Command(name = "integration-monitor", mixinStandardHelpOptions = true, version = "0.1.0",
        description = "Runs integration-monitor on this machine.",
        subcommands = {RunCommand.class, FeedCommand.class, EraseCommand.class})
public final class Cli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Cli()).execute(args));
    }
}
