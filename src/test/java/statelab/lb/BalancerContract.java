package statelab.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import statelab.TestLab;
import statelab.lab.Cluster;
import statelab.lab.LabConfig;
import statelab.lab.NodeView;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;
import statelab.session.FailureKind;

/**
 * What every balancer the lab can run must do, whatever runs it: one contract, run once per
 * balancer by a concrete subclass that names it (as a storage SPI is tested once per store). Each
 * test starts from a reset lab: three fresh nodes per cluster, round-robin at S1.
 */
abstract class BalancerContract {
    private static TestLab testLab;

    /** The balancer's key in the lab's registry ({@code statelab}, {@code haproxy}). */
    abstract String balancer();

    @BeforeEach
    void a_reset_lab_on_this_balancer() throws Exception {
        if (testLab != null && !testLab.lab().config().balancer().equals(balancer())) {
            testLab.close();
            testLab = null;
        }
        if (testLab == null) {
            testLab = TestLab.start(LabConfig.standard().withBalancer(balancer())
                    .withStrategies(List.of(Strategy.REDIS, Strategy.STICKY)));
        }
        testLab.lab().reset();
    }

    @AfterAll
    static void stop_lab() {
        if (testLab != null) {
            testLab.close();
            testLab = null;
        }
    }

    @Test
    void the_lab_runs_the_balancer_it_was_asked_for() {
        assertThat(cluster(Strategy.REDIS).balancer().kind()).isEqualTo(balancer());
        assertThat(cluster(Strategy.STICKY).balancer().policyId()).isEqualTo("sticky-cookie");
    }

    @Test
    void round_robin_walks_the_nodes_in_order_from_s1_after_a_reset() {
        LabClient client = testLab.client(Strategy.REDIS);

        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            servedBy.add(client.send("GET", "/health", null).node());
        }

        assertThat(servedBy).containsExactly("S1", "S2", "S3", "S1", "S2", "S3");
    }

    @Test
    void a_post_refused_by_a_crashed_node_is_retried_on_the_next_one_body_and_all() {
        testLab.lab().kill("S1");

        RequestResult login = testLab.client(Strategy.REDIS).send("POST", "/login", TestLab.ALICE_LOGIN);

        assertThat(login.succeeded()).as(login.summary()).isTrue();
        assertThat(login.node()).isEqualTo("S2");
    }

    @Test
    void no_request_sees_node_down_while_one_node_is_dead() {
        LabClient alice = testLab.signedInAlice(Strategy.REDIS);
        testLab.lab().kill("S2");

        List<RequestResult> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(alice.send("GET", "/profile", null));
        }

        assertThat(results).allMatch(RequestResult::succeeded).extracting(RequestResult::node).doesNotContain("S2");
    }

    @Test
    void connections_to_the_nodes_are_kept_open_also_to_a_node_added_while_running() throws Exception {
        Cluster cluster = cluster(Strategy.REDIS);
        LabClient alice = testLab.signedInAlice(Strategy.REDIS);
        cluster.addNode();
        long before = cluster.balancer().stats().backendConnections();

        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            servedBy.add(alice.send("GET", "/profile", null).node());
        }

        // 20 requests per node, one after another: a kept connection each serves them all. Before HAProxy's
        // servers added at run time got an idle pool, the new node alone cost 20 connections.
        assertThat(servedBy).contains("S1", "S2", "S3", "S4");
        assertThat(cluster.balancer().stats().backendConnections() - before).isLessThanOrEqualTo(8);
    }

    @Test
    void health_checks_take_a_dead_node_out_and_a_restarted_one_back() throws Exception {
        Cluster cluster = cluster(Strategy.REDIS);
        URI s3 = node(cluster, "S3").url();

        testLab.lab().kill("S3");
        await().atMost(Duration.ofSeconds(5)).until(() -> !cluster.balancer().healthy(s3));
        testLab.lab().restart("S3");

        assertThat(cluster.balancer().healthy(s3)).isTrue();
        assertThat(cluster.balancer().healthyCount()).isEqualTo(3);
    }

    @Test
    void with_every_node_dead_the_balancer_answers_node_down_as_a_problem() {
        LabClient alice = testLab.signedInAlice(Strategy.REDIS);
        testLab.lab().kill("S1");
        testLab.lab().kill("S2");
        testLab.lab().kill("S3");

        RequestResult result = alice.send("GET", "/profile", null);

        assertThat(result.status()).isEqualTo(503);
        assertThat(result.kind()).isEqualTo(FailureKind.NODE_DOWN.key());
        assertThat(result.wire().body()).containsEntry("type", "urn:statelab:problem:node-down");
    }

    @Test
    void sticky_places_a_new_client_by_round_robin_then_pins_it_with_an_http_only_cookie() {
        LabClient first = testLab.client(Strategy.STICKY);
        LabClient second = testLab.client(Strategy.STICKY);

        RequestResult firstLogin = first.send("POST", "/login", TestLab.ALICE_LOGIN);
        RequestResult secondLogin = second.send("POST", "/login", TestLab.BOB_LOGIN);
        List<String> firstAfter = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            firstAfter.add(first.send("GET", "/profile", null).node());
        }

        assertThat(firstLogin.node()).isEqualTo("S1");
        assertThat(secondLogin.node()).isEqualTo("S2");
        assertThat(firstAfter).containsOnly("S1");
        assertThat(String.join("\n", firstLogin.wire().setCookies()))
                .contains("lb=").containsIgnoringCase("HttpOnly").containsIgnoringCase("path=/");
    }

    @Test
    void sticky_moves_a_client_whose_node_died_and_pins_it_to_the_new_one() {
        LabClient alice = testLab.signedInAlice(Strategy.STICKY);
        testLab.lab().kill("S1");

        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            servedBy.add(alice.send("GET", "/profile", null).node());
        }

        assertThat(servedBy.get(0)).isIn("S2", "S3");
        assertThat(servedBy).containsOnly(servedBy.get(0));
    }

    @Test
    void a_drained_node_takes_no_new_requests_and_leaves_the_balancer() throws Exception {
        Cluster cluster = cluster(Strategy.REDIS);
        LabClient alice = testLab.signedInAlice(Strategy.REDIS);

        cluster.drain("S2").get(10, TimeUnit.SECONDS);
        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            servedBy.add(alice.send("GET", "/profile", null).node());
        }

        assertThat(servedBy).doesNotContain("S2").contains("S1", "S3");
        assertThat(cluster.balancer().backends()).extracting(BackendStatus::uri).doesNotContain(node(cluster, "S2").url());
    }

    @Test
    void hostile_framing_gets_a_4xx_or_a_closed_connection_and_harms_no_node() throws Exception {
        URI lb = cluster(Strategy.REDIS).lbUri();
        List<String> attacks = List.of(
                "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nabcdefg",
                "POST /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
                "POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
                "GET /profile HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n",
                "GET /pro file HTTP/1.1\r\nHost: x\r\n\r\n");

        for (String attack : attacks) {
            int status = exchange(lb, attack);
            assertThat(status).as(attack.substring(0, Math.min(60, attack.length())))
                    .satisfiesAnyOf(s -> assertThat(s).isBetween(400, 499), s -> assertThat(s).isZero());
        }

        RequestResult after = testLab.client(Strategy.REDIS).send("POST", "/login", TestLab.ALICE_LOGIN);
        assertThat(after.succeeded()).isTrue();
        assertThat(cluster(Strategy.REDIS).balancer().healthyCount()).isEqualTo(3);
    }

    @Test
    void a_body_over_the_limit_is_refused_as_too_large_before_any_node_sees_it() throws Exception {
        // Only the head: a balancer must refuse on the declared length alone, without waiting for the body.
        int status = exchange(cluster(Strategy.REDIS).lbUri(), "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (statelab.lb.Balancer.MAX_BODY_BYTES + 1) + "\r\n\r\n");

        assertThat(status).isEqualTo(413);
    }

    private static Cluster cluster(Strategy strategy) {
        return testLab.lab().cluster(strategy);
    }

    private static NodeView node(Cluster cluster, String id) {
        return cluster.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    /** Sends raw bytes; answers the status of the first answer, or 0 when the balancer closed without one. */
    private static int exchange(URI target, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), 2_000);
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // The balancer may close while the attack is still being written; it then answered first or not at all.
            }
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            try {
                for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                    line.append((char) c);
                }
            } catch (IOException e) {
                return 0;
            }
            String[] parts = line.toString().split(" ");
            return parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : 0;
        }
    }
}
