package statelab.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses the loopback port a node slot keeps for its whole life. A killed node's port must still be
 * free when the node restarts, so it is taken from below the kernel's ephemeral range: a port in that
 * range, once its listener is gone, can be handed to any outgoing connection (a balancer's health
 * check, for one) as its source port, and the restart would then fail to bind. When no such range
 * can be found (another OS, or an unusual range), answers 0: the system picks, as before.
 */
final class NodePorts {
    static final int LOWEST = 10_000;
    static final String RANGE_FILE = "/proc/sys/net/ipv4/ip_local_port_range";
    private static final int TRIES = 50;

    private NodePorts() {
    }

    /** A port that was free a moment ago, below the ephemeral range; 0 when there is none to offer. */
    static int choose() {
        int below = ephemeralLow();
        if (below - LOWEST < 1_000) {
            return 0;
        }
        for (int i = 0; i < TRIES; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (free(port)) {
                return port;
            }
        }
        return 0;
    }

    static int ephemeralLow() {
        // Line by line: Files.readString trusts the size procfs reports and can return a partial read.
        try (BufferedReader reader = Files.newBufferedReader(Path.of(RANGE_FILE))) {
            return Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
