package statelab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.ServerConnector;

/**
 * What a burst of new connections meets while a server is too busy to accept any: how many of them the
 * kernel completes and holds for it (the listen backlog). Once that queue is full, Linux drops the
 * next SYN and the client's connect waits a second for its retry.
 */
public final class ListenBacklog {
    private ListenBacklog() {
    }

    /**
     * Stops the connector accepting, opens up to {@code wanted} connections one after another (each
     * given {@code connectMillis} to complete), and answers how many completed before the first that
     * did not. Accepting is switched back on and every socket closed before it returns.
     */
    public static int heldWhileNotAccepting(ServerConnector connector, int wanted, int connectMillis) throws IOException {
        connector.setAccepting(false);
        List<Socket> sockets = new ArrayList<>();
        try {
            InetSocketAddress address = new InetSocketAddress(connector.getHost(), connector.getLocalPort());
            while (sockets.size() < wanted) {
                Socket socket = new Socket();
                try {
                    socket.connect(address, connectMillis);
                } catch (IOException e) {
                    socket.close();
                    break;
                }
                sockets.add(socket);
            }
            return sockets.size();
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
            connector.setAccepting(true);
        }
    }
}
