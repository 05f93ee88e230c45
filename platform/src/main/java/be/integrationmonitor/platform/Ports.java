package be.integrationmonitor.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback ports. */
public final class Ports {

    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /**
     * Ports handed out below the kernel's ephemeral range (32768-60999 on Linux), which never assigns
     * one of them on its own: a port chosen here cannot be taken, before its service binds it, by a
     * listener on port 0 (the schema registry opens one next to its HTTP port) or by a connection's
     * local end.
     */
    static final int FIRST = 20000;
    static final int LAST = 32767;

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** A port that was free a moment ago and that this JVM has not handed out before. */
    public static int free() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            if (isBindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + FIRST + "-" + LAST + " on " + LOOPBACK);
    }

    private static boolean isBindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean isOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a clear message when something else already listens on the port. */
    public static void requireFree(int port, String forWhat) {
        if (isOpen(port)) {
            throw new IllegalStateException("port " + port + " for " + forWhat + " is already in use");
        }
    }
}
