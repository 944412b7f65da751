package statelab.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The retry rule of RFC 9110 section 9.2.2 on a node that takes a request and closes the connection
 * without a word (once): a GET or HEAD is sent again, whatever the case the caller wrote its method in,
 * since the balancer forwards {@code get} as GET; a POST that reached the node is never sent twice.
 */
class RetryRuleTest {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private SocketBackend backend;

    @BeforeEach
    void start_a_balancer_in_front_of_a_node_that_drops_its_first_request() throws Exception {
        backend = new SocketBackend(this::answer);
    }

    @AfterEach
    void stop() throws Exception {
        backend.close();
    }

    @Test
    void a_get_whose_node_closed_without_answering_is_sent_again() throws Exception {
        assertThat(send("GET")).startsWith("HTTP/1.1 200 ");
        assertThat(received).containsExactly("GET /me", "GET /me");
    }

    @Test
    void a_lower_case_get_is_forwarded_as_get_and_retried_like_one() throws Exception {
        assertThat(send("get")).startsWith("HTTP/1.1 200 ");
        assertThat(received).containsExactly("GET /me", "GET /me");
    }

    @Test
    void a_post_whose_node_closed_without_answering_is_not_sent_twice() throws Exception {
        assertThat(send("POST")).startsWith("HTTP/1.1 502 ").contains("\"kind\":\"node-down\"");
        assertThat(received).containsExactly("POST /me");
    }

    /** One request on its own connection, as raw bytes, so the method goes out exactly as written. */
    private String send(String method) throws Exception {
        URI lb = backend.balancerUri();
        try (Socket socket = new Socket(lb.getHost(), lb.getPort())) {
            // The balancer answers within its own timeouts (30 s idle on the node, then a retry): past that, fail.
            socket.setSoTimeout(90_000);
            String body = method.equalsIgnoreCase("POST") ? "{}" : "";
            String request = method + " /me HTTP/1.1\r\nHost: lab\r\nConnection: close\r\n"
                    + (body.isEmpty() ? "" : "Content-Type: application/json\r\nContent-Length: 2\r\n") + "\r\n" + body;
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private String answer(String head) {
        if (head.startsWith("GET /health ")) {
            return "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        }
        received.add(head.substring(0, head.indexOf(" HTTP/")));
        // The first request is taken and the connection closed with nothing sent back.
        return received.size() == 1 ? "" : "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
    }
}
