package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import statelab.TestLab;
import statelab.lab.LabConfig;
import statelab.lb.BackendStatus;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;

/** Request bodies through the balancer: replayed on a retry, refused cleanly when too large. */
class LoadBalancerBodiesIT {

    @Test
    void a_post_refused_by_a_node_that_just_died_is_retried_on_the_next_node() throws Exception {
        try (TestLab testLab = TestLab.start(LabConfig.standard().withStrategies(List.of(Strategy.REDIS)))) {
            var balancer = testLab.lab().cluster(Strategy.REDIS).balancer();
            await().atMost(Duration.ofSeconds(10)).until(() -> balancer.backends().stream().allMatch(BackendStatus::healthy));
            LabClient alice = testLab.signedInAlice(Strategy.REDIS);
            await().atMost(Duration.ofSeconds(5)).until(() -> "S3".equals(alice.send("GET", "/profile", null).node()));
            testLab.lab().kill("S1");

            RequestResult post = alice.send("POST", "/settings", "{\"theme\":\"dark\"}");

            assertThat(post.succeeded()).as(post.summary()).isTrue();
            // S2 when the POST found S1 refusing and was sent on; S3 when a health check had taken S1 out between the
            // kill and the POST (checks run every 250 ms), and round robin chose among the two left. Never S1, never twice.
            assertThat(post.node()).isIn("S2", "S3");
            assertThat(post.wire().body().get("settings")).isEqualTo(java.util.Map.of("theme", "dark"));
        }
    }

    @Test
    void a_body_over_the_node_limit_is_413_through_the_balancer_every_time() throws Exception {
        try (TestLab testLab = TestLab.start(LabConfig.standard().withStrategies(List.of(Strategy.REDIS)))) {
            URI lb = testLab.lb(Strategy.REDIS);
            for (int size : new int[] {20_000, 100_000}) {
                byte[] body = ("{\"user\":\"" + "a".repeat(size) + "\"}").getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 30; i++) {
                    RawHttp.Answer answer = RawHttp.exchange(lb, Hostile.post("/login", lb, "application/json", body));
                    assertThat(answer.status()).as("%d bytes, attempt %d: %s", size, i, answer).isEqualTo(413);
                }
            }
        }
    }
    @Test
    void a_body_over_the_balancer_limit_sent_whole_is_answered_413_before_the_connection_closes() throws Exception {
        try (TestLab testLab = TestLab.start(LabConfig.standard().withStrategies(List.of(Strategy.REDIS)))) {
            URI lb = testLab.lb(Strategy.REDIS);
            byte[] body = new byte[statelab.lb.Balancer.MAX_BODY_BYTES + 1];
            // A close with the client's bytes unread is a reset, which can overtake the 413 on its way: the
            // balancer reads the rest of a refused body first, so every attempt reads its answer.
            for (int i = 0; i < 20; i++) {
                RawHttp.Answer answer = RawHttp.exchange(lb, Hostile.post("/avatar?variant=local", lb, "image/png", body));
                assertThat(answer.status()).as("attempt %d: %s", i, answer).isEqualTo(413);
                assertThat(answer.body()).contains("too-large");
                assertThat(answer.closedAfter()).isTrue();
            }
        }
    }

    @Test
    void a_chunked_body_that_runs_past_the_balancer_limit_is_answered_413_before_the_connection_closes() throws Exception {
        try (TestLab testLab = TestLab.start(LabConfig.standard().withStrategies(List.of(Strategy.REDIS)))) {
            URI lb = testLab.lb(Strategy.REDIS);
            // No length up front: the balancer finds the body too large only as it streams in, and must still read
            // the rest (here the whole of it) before it closes, or the close is a reset that can overtake the 413.
            byte[] body = chunked(statelab.lb.Balancer.MAX_BODY_BYTES + 64 * 1024, 16 * 1024);
            for (int i = 0; i < 20; i++) {
                byte[] request = RawHttp.request("POST", "/avatar?variant=local", lb,
                        List.of("Content-Type: image/png", "Transfer-Encoding: chunked", "Connection: close"), body);
                RawHttp.Answer answer = RawHttp.exchange(lb, request);
                assertThat(answer.status()).as("attempt %d: %s", i, answer).isEqualTo(413);
                assertThat(answer.body()).contains("too-large");
                assertThat(answer.closedAfter()).isTrue();
            }
        }
    }

    /** {@code total} bytes of zeros framed as chunks of {@code size}, with the last, empty chunk. */
    private static byte[] chunked(int total, int size) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(total + total / size * 8 + 16);
        byte[] zeros = new byte[size];
        for (int sent = 0; sent < total; sent += size) {
            int n = Math.min(size, total - sent);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(zeros, 0, n);
            out.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
