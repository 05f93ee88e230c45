package be.integrationmonitor.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback ports. */
public final class Ports {

    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /** A port that was free a moment ago. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
