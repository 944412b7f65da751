package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabFixture;
import statelab.TestLab;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;
import statelab.lb.BackendStatus;
import statelab.lb.Balancer;
import statelab.scenario.LabClient;

/**
 * A request whose own body is broken is the client's fault, not the node's. Before the fix, one GET
 * with a malformed chunked body made the balancer mark the node down and retry on the next, which
 * failed the same way, until every node was marked down and every user got {@code node-down}: a
 * denial of service in a handful of bytes; a client hanging up in the middle of its body, or a GET
 * with a large body the node never reads, did the same. Now the balancer answers a broken body 400,
 * and marks a node down only when it refuses a connection.
 */
class BrokenBodyThroughBalancerIT {
    private static final int ATTACKS = 10;

    @RegisterExtension
    static final LabFixture testLab = LabFixture.of(LabConfig.standard().withStrategies(List.of(Strategy.REDIS)));
    private static Balancer balancer;
    private long retriesBefore;

    @BeforeAll
    static void start_lab() throws Exception {
        balancer = testLab.lab().cluster(Strategy.REDIS).balancer();
    }

    @BeforeEach
    void every_node_is_up() {
        await().atMost(Duration.ofSeconds(10)).until(() -> balancer.backends().stream().allMatch(BackendStatus::healthy));
        retriesBefore = balancer.stats().retries();
    }

    @Test
    void a_get_with_a_malformed_chunked_body_is_400_and_marks_no_node_down() throws Exception {
        LabClient bob = signedInBob();
        URI lb = testLab.lb(Strategy.REDIS);
        String attack = "GET /profile HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n";

        for (int i = 0; i < ATTACKS; i++) {
            RawHttp.Answer answer = RawHttp.exchange(lb, attack.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            HostileInputIT.assertCleanProblem(answer, Hostile.Expected.of(400, "bad-request"));
            assertThat(balancer.backends()).as("attack %d", i).allMatch(BackendStatus::healthy);
            assertThat(bob.send("GET", "/profile", null).succeeded()).isTrue();
        }
        assertThat(balancer.stats().retries()).isEqualTo(retriesBefore);
        assertThat(balancer.stats().nodeDownAnswers()).isZero();
    }

    @Test
    void a_client_that_hangs_up_in_the_middle_of_its_body_marks_no_node_down() throws Exception {
        LabClient bob = signedInBob();
        URI lb = testLab.lb(Strategy.REDIS);
        String head = "GET /profile HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"a\":";

        for (int i = 0; i < ATTACKS; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(lb.getHost(), lb.getPort()), 2_000);
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                socket.shutdownOutput();
                socket.setSoTimeout(5_000);
                drain(socket);
            }
            assertThat(bob.send("GET", "/profile", null).succeeded()).as("bob after hang-up %d", i).isTrue();
        }
        assertThat(balancer.backends()).allMatch(BackendStatus::healthy);
        assertThat(balancer.stats().retries()).isEqualTo(retriesBefore);
        assertThat(balancer.stats().nodeDownAnswers()).isZero();
    }

    @Test
    void a_get_with_a_large_body_the_node_never_reads_marks_no_node_down() {
        LabClient bob = signedInBob();
        URI lb = testLab.lb(Strategy.REDIS);
        byte[] body = ("{\"pad\":\"" + "p".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);

        for (int i = 0; i < ATTACKS; i++) {
            // The node answers 401 without reading the body and closes; the reset of the unread body can cut
            // the exchange at the balancer. That may fail this one request, but must not take a node out.
            RawHttp.exchange(lb, Hostile.send("GET", "/profile", lb, "application/json", body));
            assertThat(balancer.backends()).as("after attack %d", i).allMatch(BackendStatus::healthy);
            assertThat(bob.send("GET", "/profile", null).succeeded()).as("bob after attack %d", i).isTrue();
        }
        assertThat(balancer.stats().nodeDownAnswers()).isZero();
    }

    private static LabClient signedInBob() {
        LabClient bob = testLab.client(Strategy.REDIS);
        assertThat(bob.send("POST", "/login", TestLab.BOB_LOGIN).succeeded()).isTrue();
        return bob;
    }

    /** Reads whatever the balancer answers until it closes, so the exchange is over before the next check. */
    private static void drain(Socket socket) {
        try {
            socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            // A reset is as good as a close here.
        }
    }
}
