package be.integrationmonitor.platform;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.TimeUnit;

/**
 * A Java agent for the child JVMs: it ends its JVM when the parent that started it is gone, so
 * that no broker, registry or service outlives a launcher or test run that was killed outright.
 * The parent's pid comes as the agent argument.
 */
public final class ParentWatch {

    private ParentWatch() {
    }

    public static void premain(String parentPid) {
        premain(parentPid, null);
    }

    public static void premain(String parentPid, Instrumentation unused) {
        ProcessHandle.of(Long.parseLong(parentPid)).ifPresentOrElse(parent -> {
            Thread watcher = new Thread(() -> {
                while (parent.isAlive()) {
                    try {
                        TimeUnit.SECONDS.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                System.err.println("parent process " + parentPid + " is gone; stopping");
                System.exit(143);
            }, "parent-watch");
            watcher.setDaemon(true);
            watcher.start();
        }, () -> System.exit(143));
    }
}
