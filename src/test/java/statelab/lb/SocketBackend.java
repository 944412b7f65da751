package statelab.lb;

import java.io.IOException;
import java.io.InputStream;
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
                String head = readHead(connection.getInputStream());
                OutputStream out = connection.getOutputStream();
                out.write(answer.apply(head).getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedOrCut) {
                // The test closed the listener, or a health check gave up: either way, take the next one.
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while (head.length() < 8192 && (b = in.read()) != -1) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    @Override
    public void close() throws Exception {
        balancer.close();
        socket.close();
        acceptor.join();
        threads.stop();
    }
}
