package be.integrationmonitor.deploy;

import be.integrationmonitor.deploy.bench.BenchCommand;
import be.integrationmonitor.deploy.feed.FeedCommand;
import be.integrationmonitor.deploy.ops.DeadLettersCommand;
import be.integrationmonitor.deploy.ops.DisclosureCommand;
import be.integrationmonitor.deploy.ops.EraseCommand;
import be.integrationmonitor.deploy.ops.KafkaUserCommand;
import be.integrationmonitor.deploy.ops.PurgeCommand;
import be.integrationmonitor.deploy.ops.ReplayCommand;
import be.integrationmonitor.deploy.ops.ResetCommand;
import be.integrationmonitor.deploy.ops.SchemasCommand;
import be.integrationmonitor.deploy.ops.StatusCommand;
import org.apache.kafka.common.errors.AuthorizationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** {@code java -jar deploy/target/deploy.jar}: the local launcher and the operators' tool. */
@Command(name = "integration-monitor", mixinStandardHelpOptions = true, version = "0.1.0",
        description = "Runs integration-monitor on this machine, feeds it, and operates it.",
        subcommands = {RunCommand.class, FeedCommand.class, StatusCommand.class, SchemasCommand.class,
                ReplayCommand.class, ResetCommand.class, EraseCommand.class, PurgeCommand.class, DeadLettersCommand.class,
                DisclosureCommand.class, BenchCommand.class})
public final class Cli {

    /** Exit code of a command the Kafka cluster refused (missing ACL: wrong user). */
    static final int NOT_AUTHORIZED = 3;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The tool with its error handling: what {@link #main} runs. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Cli());
        IParameterExceptionHandler usual = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, args) -> e.getCommandLine().getCommand() instanceof EraseCommand
                ? eraseMisused(e) : usual.handleParseException(e, args));
        cli.setExecutionExceptionHandler(Cli::executionFailed);
        return cli;
    }

    /** What was typed after {@code erase} may be a national number: never echoed (picocli would). */
    private static int eraseMisused(ParameterException e) {
        CommandLine erase = e.getCommandLine();
        erase.getErr().println("erase: an argument was not understood (not shown: it may be a national number). "
                + "Give --national-number alone: the number is then asked for without echo, or read from "
                + "standard input. Or give --person-ref <pseudonym>.");
        erase.usage(erase.getErr());
        return erase.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** A refusal by a secured cluster names the Kafka user the command needs. */
    private static int executionFailed(Exception e, CommandLine command, ParseResult parsed) throws Exception {
        Throwable refusal = e;
        while (refusal != null && !(refusal instanceof AuthorizationException)) {
            refusal = refusal.getCause();
        }
        KafkaUserCommand needs = kafkaUserCommand(command);
        if (refusal == null || needs == null) {
            throw e;
        }
        command.getErr().printf("the Kafka cluster refused: %s%n`%s` needs the client settings of the Kafka user `%s` "
                        + "(--command-config <file>); see docs/security.md, \"Who may do what\"%n",
                refusal.getMessage(), command.getCommandName(), needs.kafkaUser());
        return NOT_AUTHORIZED;
    }

    private static KafkaUserCommand kafkaUserCommand(CommandLine command) {
        for (CommandLine c = command; c != null; c = c.getParent()) {
            if (c.getCommand() instanceof KafkaUserCommand needs) {
                return needs;
            }
        }
        return null;
    }
}
