package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.deploy.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the operator tool in the test's JVM, capturing what it prints (standard output and error together). */
final class OperatorCli {

    record Run(int exit, String out) {
    }

    private OperatorCli() {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            int exit = new CommandLine(new Cli()).execute(args);
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            out.print(captured.toString(StandardCharsets.UTF_8));
        }
    }
}
