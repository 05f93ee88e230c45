package be.integrationmonitor.sink.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes sure Debian's chromium and chromedriver are there: installs them with apt-get when running as
 * root (as CI does), and otherwise fails saying what to install. Never skips.
 */
final class Chromium implements BeforeAllCallback {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the dashboard test needs " + BROWSER + " and " + DRIVER
                    + ": run `apt-get install -y chromium chromium-driver` as root, or the build as root");
        }
        run("apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver");
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("apt-get installed chromium but " + BROWSER + " or " + DRIVER + " is missing");
        }
    }

    private static void run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).inheritIO().start();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("could not install chromium: `" + command + "` failed");
        }
    }
}
