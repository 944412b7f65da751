package statelab.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The balancer's own upstream connections against a bare-socket node that keeps connections open
 * ({@link KeepAliveBackend}): a connection is reused for the next request, dropped when the node says
 * {@code Connection: close}, and stays usable after a HEAD answer (a length, no body) and a chunked one;
 * hop-by-hop header lines stop at the balancer in both directions.
 */
class UpstreamConnectionReuseTest {
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";
    /** Generous; past it the balancer or the test node is stuck, and the test fails instead of waiting on. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    private KeepAliveBackend backend;
    private final HttpClient client = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws Exception {
        client.close();
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void two_requests_in_a_row_travel_on_one_upstream_connection() throws Exception {
        backend = new KeepAliveBackend(head -> OK);

        assertThat(get("/one").body()).isEqualTo("ok");
        assertThat(get("/two").body()).isEqualTo("ok");

        assertThat(connections()).hasSize(2).containsOnly(connections().getFirst());
    }

    @Test
    void an_answer_saying_connection_close_is_relayed_whole_and_the_next_request_opens_a_new_connection() throws Exception {
        backend = new KeepAliveBackend(head -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");

        HttpResponse<String> first = get("/one");
        HttpResponse<String> second = get("/two");

        assertThat(List.of(first.statusCode(), second.statusCode())).containsExactly(200, 200);
        assertThat(first.body() + second.body()).isEqualTo("okok");
        assertThat(connections()).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void a_head_answer_and_a_chunked_answer_leave_the_connection_usable_for_the_next_request() throws Exception {
        backend = new KeepAliveBackend(head -> head.startsWith("HEAD ")
                ? "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n"
                : head.startsWith("GET /chunked ")
                ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"
                : OK);

        HttpResponse<String> head = client.send(HttpRequest.newBuilder(backend.balancerUri().resolve("/h")).timeout(ANSWER_WITHIN)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> chunked = get("/chunked");
        HttpResponse<String> after = get("/after");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("content-length")).hasValue("10");
        assertThat(chunked.body()).isEqualTo("abcde");
        assertThat(after.body()).isEqualTo("ok");
        assertThat(connections()).hasSize(3).containsOnly(connections().getFirst());
    }

    @Test
    void a_node_that_dies_with_a_kept_alive_connection_open_is_found_dead_and_answered_as_node_down() throws Exception {
        backend = new KeepAliveBackend(head -> head.startsWith("GET /two ") ? KeepAliveBackend.DIE : OK);
        assertThat(get("/one").body()).isEqualTo("ok");

        HttpResponse<String> second = get("/two");

        // The kept connection's close alone does not prove the node dead; the new connection's refusal does.
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.body()).contains("node-down");
        assertThat(backend.balancer().healthyCount()).isZero();
        assertThat(connections()).hasSize(2).containsOnly(connections().getFirst());
    }

    @Test
    void an_interim_answer_is_not_passed_on_and_the_final_one_is() throws Exception {
        backend = new KeepAliveBackend(head -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n" + OK);

        HttpResponse<String> answer = get("/slow");
        HttpResponse<String> next = get("/next");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body() + next.body()).isEqualTo("okok");
        assertThat(connections()).hasSize(2).containsOnly(connections().getFirst());
    }

    @Test
    void hop_by_hop_lines_of_the_answer_stay_at_the_balancer_and_end_to_end_ones_go_on() throws Exception {
        backend = new KeepAliveBackend(head -> "HTTP/1.1 200 OK\r\nConnection: X-Hop\r\nX-Hop: secret\r\n"
                + "Keep-Alive: timeout=5\r\nX-End: kept\r\nContent-Length: 2\r\n\r\nok");

        HttpResponse<String> answer = get("/profile");

        assertThat(answer.headers().firstValue("x-end")).hasValue("kept");
        assertThat(answer.headers().map().keySet()).map(String::toLowerCase).doesNotContain("x-hop", "keep-alive");
        assertThat(answer.body()).isEqualTo("ok");
    }

    @Test
    void hop_by_hop_lines_of_the_request_stay_at_the_balancer_and_a_body_keeps_its_length() throws Exception {
        backend = new KeepAliveBackend(head -> OK);
        URI lb = backend.balancerUri();
        String request = "POST /login HTTP/1.1\r\nHost: lab\r\nConnection: keep-alive, X-Secret\r\nX-Secret: 1\r\n"
                + "TE: trailers\r\nKeep-Alive: 5\r\nProxy-Authorization: Basic eDp5\r\nX-Kept: yes\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n2\r\n1}\r\n0\r\n\r\n";

        try (Socket socket = new Socket(lb.getHost(), lb.getPort())) {
            socket.setSoTimeout((int) ANSWER_WITHIN.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(new String(in.readNBytes(12), StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200");
        }

        List<String> lines = Arrays.asList(backend.received().getFirst().head().split("\r\n"));
        assertThat(lines.getFirst()).isEqualTo("POST /login HTTP/1.1");
        assertThat(lines).contains("Host: lab", "X-Kept: yes", "Content-Type: application/json", "Content-Length: 7");
        assertThat(lines).map(line -> line.substring(0, Math.max(0, line.indexOf(':'))).toLowerCase())
                .doesNotContain("connection", "x-secret", "te", "keep-alive", "proxy-authorization", "transfer-encoding");
    }

    /** Which connection each request came on (health checks, on connections of their own, are not counted). */
    private List<Integer> connections() {
        return backend.received().stream().map(KeepAliveBackend.Received::connection).toList();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(backend.balancerUri().resolve(path)).timeout(ANSWER_WITHIN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
