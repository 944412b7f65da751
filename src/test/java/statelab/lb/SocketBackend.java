package statelab.lb;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Our balancer (round robin) in front of one backend made of a bare socket, for tests that need a node
 * to answer in a way no real node would (cut off, or recording exactly what arrived): one connection at
 * a time, the request's head read, then {@code answer} turns that head into the bytes written back
 * before the connection closes. Health checks reach {@code answer} too.
 */
final class SocketBackend implements AutoCloseable {
    /** How long a connection may stay silent before the backend drops it and takes the next. */
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private final QueuedThreadPool threads = new QueuedThreadPool(32, 2);
    private final ServerSocket socket;
    private final Thread acceptor;
    private final UnaryOperator<String> answer;
    private final LoadBalancer balancer;

    SocketBackend(UnaryOperator<String> answer) throws Exception {
        this.answer = answer;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().start(this::serve);
        threads.start();
        this.balancer = new LoadBalancer(pool -> new RoundRobinPolicy(), 0, threads).start();
        balancer.addBackend(URI.create("http://127.0.0.1:" + socket.getLocalPort()));
    }

    /** Where to send requests: the balancer. */
    URI balancerUri() {
        return balancer.uri();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                // A connection that sends nothing must not hold this one-at-a-time backend, nor the test, for ever.
                connection.setSoTimeout(READ_TIMEOUT_MILLIS);
                String head = SocketBackendHeads.read(connection.getInputStream());
                if (head.isEmpty()) {
                    continue; // closed before a whole request (a health check cut off at shutdown): nothing to answer
                }
                OutputStream out = connection.getOutputStream();
                out.write(answer.apply(head).getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException | RuntimeException closedCutOrUnexpected) {
                // The test closed the listener, a health check gave up, or the test's answer failed: the backend
                // goes on with the next connection either way, so no request is left unanswered by a dead acceptor.
            }
        }
    }

    @Override
    public void close() throws Exception {
        balancer.close();
        socket.close();
        if (!acceptor.join(java.time.Duration.ofSeconds(30))) {
            throw new AssertionError("the test backend's acceptor did not stop within 30 s of its socket closing");
        }
        threads.stop();
    }
}
