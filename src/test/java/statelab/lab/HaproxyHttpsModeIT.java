package statelab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import statelab.TestLab;

/**
 * The HTTPS mode with HAProxy terminating TLS ({@code --balancer haproxy --https}): every test of
 * {@link HttpsModeIT} again, plus HAProxy's own answers over TLS. Needs the system's haproxy: fails in
 * CI without it, skips elsewhere.
 */
class HaproxyHttpsModeIT extends HttpsModeIT {

    @Override
    LabConfig config() {
        TestLab.requireHaproxy();
        return LabConfig.standard().withHttps(true).withBalancer(BalancerKinds.HAPROXY);
    }

    @Test
    void every_cluster_runs_behind_haproxy() {
        assertThat(testLab.lab().clusters()).allMatch(c -> c.balancer().kind().equals(BalancerKinds.HAPROXY));
    }

    @Test
    void haproxy_s_own_error_is_a_problem_body_over_tls() throws Exception {
        // Only the in-memory cluster loses its nodes: the other tests here use the other clusters.
        Cluster cluster = testLab.lab().cluster(Strategy.IN_MEMORY);
        for (NodeView node : cluster.nodes()) {
            cluster.kill(node.id());
        }
        HttpClient client = HttpClient.newBuilder().sslContext(testLab.lab().clientTls().orElseThrow()).build();
        HttpRequest request = HttpRequest.newBuilder(testLab.lb(Strategy.IN_MEMORY).resolve("/profile"))
                .timeout(Duration.ofSeconds(10)).GET().build();

        HttpResponse<String> answer = await().atMost(Duration.ofSeconds(10))
                .until(() -> client.send(request, HttpResponse.BodyHandlers.ofString()), a -> a.statusCode() == 503);

        assertThat(answer.headers().firstValue("Content-Type")).get().asString().contains("application/problem+json");
        assertThat(new ObjectMapper().readTree(answer.body()).get("kind").asText()).isEqualTo("node-down");
    }
}
