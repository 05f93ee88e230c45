package be.integrationmonitor.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortsAreDistinctBindableAndBelowTheEphemeralRange() throws Exception {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = Ports.free();
            assertTrue(port >= Ports.FIRST && port <= Ports.LAST, "port " + port);
            assertTrue(ports.add(port), "port " + port + " handed out twice");
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(Ports.LOOPBACK))) {
                assertEquals(port, socket.getLocalPort());
            }
        }
    }

    @Test
    void isOpenTellsAListenerFromAFreePort() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName(Ports.LOOPBACK))) {
            assertTrue(Ports.isOpen(listener.getLocalPort()));
        }
        int unused = Ports.free();
        assertFalse(Ports.isOpen(unused));
    }
}
