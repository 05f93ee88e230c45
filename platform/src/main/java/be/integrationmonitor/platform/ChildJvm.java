package be.integrationmonitor.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A Java process started by this one, with an explicit heap, its output in a log file, stopped
 * with SIGTERM (then killed) on {@link #close()}, at this JVM's shutdown, or by {@link ParentWatch}
 * when this JVM dies without shutting down; {@link #kill()} crashes it on purpose (SIGKILL).
 */
public final class ChildJvm implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself, failing if it does not in time or exits non-zero. */
    public void awaitSuccess(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop();
                throw failure("did not finish within " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw failure("exited with " + process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            removeHook();
        }
    }

    /** Polls {@code ready} until it holds, failing early if the process dies. */
    public void awaitReady(BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw failure("exited with " + process.exitValue() + " before it was ready");
            }
            if (System.nanoTime() > deadline) {
                throw failure("not ready within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Kills the process at once (SIGKILL), as a crash or the kernel's OOM killer would: no shutdown
     * hook, no clean close. Returns once it is gone. {@link #close()} afterwards does nothing more.
     */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw failure("still alive 10 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            removeHook();
        }
    }

    @Override
    public void close() {
        stop();
        removeHook();
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException(name + " " + what + "; last lines of " + log + ":\n" + tail(log, 40));
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Describes the JVM to start. */
    public static final class Builder {
        private final String name;
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String heap = "256m";
        private String classpath;
        private String mainClass;
        private Path jar;
        private Path log;
        private Path workDir;

        private Builder(String name) {
            this.name = name;
        }

        public Builder heap(String maxHeap) {
            this.heap = maxHeap;
            return this;
        }

        public Builder classpath(String classpath, String mainClass) {
            this.classpath = classpath;
            this.mainClass = mainClass;
            return this;
        }

        public Builder jar(Path jar) {
            this.jar = jar;
            return this;
        }

        public Builder systemProperty(String key, Object value) {
            systemProperties.put(key, String.valueOf(value));
            return this;
        }

        /** An environment variable: for secrets, which must not show in the process list. */
        public Builder environment(String key, String value) {
            environment.put(key, value);
            return this;
        }

        public Builder args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        public Builder log(Path logFile) {
            this.log = logFile;
            return this;
        }

        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        public ChildJvm start() {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + heap);
            watchdogAgent().ifPresent(command::add);
            systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            if (jar != null) {
                command.add("-jar");
                command.add(jar.toString());
            } else {
                command.add("-cp");
                command.add(classpath);
                command.add(mainClass);
            }
            command.addAll(args);
            try {
                Files.createDirectories(log.getParent());
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                builder.environment().putAll(environment);
                if (workDir != null) {
                    Files.createDirectories(workDir);
                    builder.directory(workDir.toFile());
                }
                return new ChildJvm(name, builder.start(), log);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name, e);
            }
        }

        /** The ParentWatch agent, when this module runs from its jar (not from an IDE's class folder). */
        private static java.util.Optional<String> watchdogAgent() {
            try {
                Path location = Path.of(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isRegularFile(location)) {
                    return java.util.Optional.of("-javaagent:" + location + "=" + ProcessHandle.current().pid());
                }
            } catch (Exception e) {
                // no code source: run without the watchdog
            }
            return java.util.Optional.empty();
        }
    }
}
