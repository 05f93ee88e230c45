package be.integrationmonitor.deploy.ops;

import be.integrationmonitor.deploy.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the operator tool in the test's JVM, capturing what it prints (standard output and error together). */
final class OperatorCli {

    record Run(int exit, String out) {
    }

    private OperatorCli() {
    }

    static Run cli(String... args) {
        return cliWithInput("", args);
    }

    /** With {@code input} as its standard input (not a terminal, as in a pipe). */
    static Run cliWithInput(String input, String... args) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        InputStream in = System.in;
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            int exit = Cli.commandLine().execute(args);
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.setIn(in);
            out.print(captured.toString(StandardCharsets.UTF_8));
        }
    }
}
