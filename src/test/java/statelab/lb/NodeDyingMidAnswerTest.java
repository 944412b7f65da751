package statelab.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node killed after it sent its answer's head but before its body (as NodeKillUnderLoadIT can
 * catch one): the balancer must answer 502 node-down, not carry the dead node's head into its own
 * answer. Before the fix the node's Content-Length stayed on the balancer's problem body, Jetty refused
 * that write, and the client got 500 server-error. The backend here is a real socket that answers
 * health checks and cuts every other answer after its head, so the outcome does not depend on timing.
 */
class NodeDyingMidAnswerTest {
    private final QueuedThreadPool threads = new QueuedThreadPool(32, 2);
    private ServerSocket backend;
    private Thread acceptor;
    private LoadBalancer balancer;

    @BeforeEach
    void start_a_balancer_in_front_of_a_node_that_dies_after_its_answer_head() throws Exception {
        threads.start();
        backend = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::serve);
        balancer = new LoadBalancer(pool -> new RoundRobinPolicy(), 0, threads).start();
        balancer.addBackend(URI.create("http://127.0.0.1:" + backend.getLocalPort()));
    }

    @AfterEach
    void stop() throws Exception {
        balancer.close();
        backend.close();
        acceptor.join();
        threads.stop();
    }

    @Test
    void a_node_that_dies_between_its_answer_head_and_body_gives_502_node_down_not_500() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(balancer.uri().resolve("/me")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(502);
            assertThat(answer.body()).contains("\"kind\":\"node-down\"");
            assertThat(answer.headers().firstValue("set-cookie")).isEmpty();
        }
    }

    private void serve() {
        while (!backend.isClosed()) {
            try (Socket socket = backend.accept()) {
                String head = readHead(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                if (head.startsWith("GET /health ")) {
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    // The head of an answer with a body, then the process is gone.
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n"
                            + "Set-Cookie: node=S1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                }
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
}
