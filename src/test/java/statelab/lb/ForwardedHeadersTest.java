package statelab.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a node receives from the balancer: the caller's header lines, one {@code Via}, and nothing of
 * the balancer's own client (Jetty's client once added its {@code User-Agent: Jetty/...} beside the
 * caller's, so every node saw two). The backend is a real socket that records each request head.
 */
class ForwardedHeadersTest {
    private final BlockingQueue<String> heads = new ArrayBlockingQueue<>(16);
    private SocketBackend backend;

    @BeforeEach
    void start_a_balancer_in_front_of_a_recording_node() throws Exception {
        backend = new SocketBackend(head -> {
            if (!head.startsWith("GET /health ")) {
                heads.offer(head);
            }
            return "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
        });
    }

    @AfterEach
    void stop() throws Exception {
        backend.close();
    }

    @Test
    void the_node_sees_the_caller_s_user_agent_once_and_one_via_line() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            // Bounded: a test node that stopped serving must fail the test, not hold it.
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(backend.balancerUri().resolve("/profile"))
                    .timeout(Duration.ofSeconds(30))
                    .header("User-Agent", "learner-browser/1.0").header("Cookie", "sid=abc").GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            List<String> lines = Arrays.asList(heads.poll(5, TimeUnit.SECONDS).split("\r\n"));
            assertThat(lines.getFirst()).isEqualTo("GET /profile HTTP/1.1");
            assertThat(lines).filteredOn(line -> line.regionMatches(true, 0, "User-Agent:", 0, 11))
                    .containsExactly("User-Agent: learner-browser/1.0");
            assertThat(lines).filteredOn(line -> line.regionMatches(true, 0, "Via:", 0, 4)).hasSize(1);
            assertThat(lines).contains("Cookie: sid=abc");
        }
    }
}
