package be.integrationmonitor.deploy.bench;

import be.integrationmonitor.platform.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the operating system says about the stack's JVMs and files. */
final class Processes {

    private Processes() {
    }

    /** Peak resident set size (VmHWM) of each JVM, e.g. {@code streams 412 MB, sink-api 290 MB}. */
    static String peakRss(List<ChildJvm> jvms) {
        return jvms.stream().map(jvm -> jvm.name() + " " + (kilobytes(jvm.pid(), "VmHWM") >> 10) + " MB")
                .collect(Collectors.joining(", "));
    }

    static long kilobytes(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    static long bytes(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
