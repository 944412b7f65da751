package statelab.lb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Our balancer (round robin) in front of one backend made of a bare socket that keeps connections open:
 * each connection serves request after request (a head, then as many body bytes as its Content-Length
 * says), answered by {@code answer}, until an answer says {@code Connection: close}. It records every
 * request head (health checks excluded) with the number of the connection that carried it, so a test
 * can see which requests shared a connection.
 */
final class KeepAliveBackend implements AutoCloseable {
    /** One request head as the node received it, and which connection (numbered from 1) it came on. */
    record Received(int connection, String head) {
    }

    /** An answer that is none: the node stops listening and closes the connection unanswered, as a node killed mid-request. */
    static final String DIE = "die";

    private final QueuedThreadPool threads = new QueuedThreadPool(32, 2);
    private final ServerSocket socket;
    private final UnaryOperator<String> answer;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    /**
     * Set when the node dies. Closing the listening socket is not enough on its own: the JDK closes it only once
     * the thread blocked in accept has left, and a connection that arrives meanwhile would still be served (a
     * health check answered 200 brought a dead node back). A dead node serves nothing more.
     */
    private volatile boolean dead;
    private final LoadBalancer balancer;

    KeepAliveBackend(UnaryOperator<String> answer) throws Exception {
        this.answer = answer;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
        threads.start();
        this.balancer = new LoadBalancer(pool -> new RoundRobinPolicy(), 0, threads).start();
        balancer.addBackend(URI.create("http://127.0.0.1:" + socket.getLocalPort()));
    }

    LoadBalancer balancer() {
        return balancer;
    }

    URI balancerUri() {
        return balancer.uri();
    }

    /** The requests received so far, health checks excluded, in order. */
    List<Received> received() {
        return List.copyOf(received);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                if (dead) {
                    connection.close();
                    continue;
                }
                // Longer than the balancer keeps a connection idle (20 s), so only a connection it forgot ends here.
                connection.setSoTimeout(60_000);
                open.add(connection);
                int number = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(connection, number));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket connection, int number) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            while (true) {
                String head = SocketBackendHeads.read(in);
                if (head.isEmpty() || dead) {
                    return;
                }
                in.readNBytes(SocketBackendHeads.contentLength(head));
                if (!head.startsWith("GET /health ")) {
                    received.add(new Received(number, head));
                }
                String reply = answer.apply(head);
                if (reply.equals(DIE)) {
                    dead = true;
                    socket.close();
                    return;
                }
                out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                if (reply.toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close\r\n")) {
                    return;
                }
            }
        } catch (IOException closedOrCut) {
            // The balancer closed the connection, or the test ended.
        }
    }

    @Override
    public void close() throws Exception {
        balancer.close();
        socket.close();
        for (Socket connection : open) {
            connection.close();
        }
        threads.stop();
    }
}
