package statelab.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
    private SocketBackend backend;

    @BeforeEach
    void start_a_balancer_in_front_of_a_node_that_dies_after_its_answer_head() throws Exception {
        backend = new SocketBackend(NodeDyingMidAnswerTest::answer);
    }

    @AfterEach
    void stop() throws Exception {
        backend.close();
    }

    @Test
    void a_node_that_dies_between_its_answer_head_and_body_gives_502_node_down_not_500() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            // Bounded: a test node that stopped serving must fail the test, not hold it.
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(backend.balancerUri().resolve("/me"))
                    .timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(502);
            assertThat(answer.body()).contains("\"kind\":\"node-down\"");
            assertThat(answer.headers().firstValue("set-cookie")).isEmpty();
        }
    }

    private static String answer(String head) {
        if (head.startsWith("GET /health ")) {
            return "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        }
        // The head of an answer with a body, then the process is gone.
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\nSet-Cookie: node=S1\r\n\r\n";
    }
}
