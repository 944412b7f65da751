package statelab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabFixture;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;
import statelab.session.FailureKind;

/** Killing a node is a real crash, and the balancer never lets a user see it. */
class NodeKillIT {
    @RegisterExtension
    final LabFixture testLab = LabFixture.standard();

    @Test
    void a_killed_node_refuses_connections_at_once() {
        NodeView s1 = node(Strategy.REDIS, "S1");

        testLab.lab().kill("S1");

        assertThat(refusesConnections(s1)).isTrue();
        assertThat(node(Strategy.REDIS, "S1").up()).isFalse();
    }

    @Test
    void no_request_sees_node_down_while_a_node_is_killed_and_restarted() throws Exception {
        List<LabClient> users = new ArrayList<>();
        for (Strategy strategy : Strategy.values()) {
            users.add(testLab.signedInAlice(strategy));
        }
        List<RequestResult> results = new ArrayList<>();
        for (int round = 0; round < 12; round++) {
            if (round == 3) {
                testLab.lab().kill("S1");
            }
            if (round == 8) {
                testLab.lab().restart("S1");
            }
            for (LabClient user : users) {
                results.add(user.send("GET", "/profile", null));
            }
        }

        assertThat(results).hasSize(48).noneMatch(r -> r.failedWith(FailureKind.NODE_DOWN));
        assertThat(results).allMatch(r -> r.node() != null && r.status() > 0);
    }

    @Test
    void the_balancer_takes_a_dead_node_out_and_a_restarted_one_back() throws Exception {
        Cluster cluster = testLab.lab().cluster(Strategy.JWT);

        testLab.lab().kill("S2");
        await().atMost(Duration.ofSeconds(5)).until(() -> !node(Strategy.JWT, "S2").healthy());
        testLab.lab().restart("S2");

        assertThat(node(Strategy.JWT, "S2").healthy()).isTrue();
        assertThat(cluster.nodes()).extracting(NodeView::up).containsOnly(true);
    }

    @Test
    void a_restarted_node_has_empty_memory_on_the_same_port() throws Exception {
        testLab.signedInAlice(Strategy.IN_MEMORY);
        NodeView before = node(Strategy.IN_MEMORY, "S1");
        assertThat(before.sessions()).isEqualTo(1);

        testLab.lab().restart("S1");

        NodeView after = node(Strategy.IN_MEMORY, "S1");
        assertThat(after.url()).isEqualTo(before.url());
        assertThat(after.up()).isTrue();
        assertThat(after.sessions()).isZero();
    }

    @Test
    void an_added_node_joins_the_rotation() throws Exception {
        String added = testLab.lab().addNode();
        LabClient alice = testLab.signedInAlice(Strategy.REDIS);

        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            servedBy.add(alice.send("GET", "/profile", null).node());
        }

        assertThat(added).isEqualTo("S4");
        assertThat(servedBy).contains("S4");
    }

    @Test
    void reset_returns_to_the_configured_nodes_and_removes_added_ones_from_the_balancer() throws Exception {
        testLab.lab().addNode();
        testLab.lab().kill("S2");

        testLab.lab().reset();

        for (Cluster cluster : testLab.lab().clusters()) {
            assertThat(cluster.nodes()).extracting(NodeView::id).containsExactly("S1", "S2", "S3");
            assertThat(cluster.nodes()).allMatch(NodeView::up);
            assertThat(cluster.balancer().backends()).hasSize(3);
        }
    }

    @Test
    void a_drained_node_takes_no_new_requests_and_leaves_the_balancer() throws Exception {
        Cluster cluster = testLab.lab().cluster(Strategy.REDIS);
        LabClient alice = testLab.signedInAlice(Strategy.REDIS);

        cluster.drain("S2").get(5, java.util.concurrent.TimeUnit.SECONDS);
        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            servedBy.add(alice.send("GET", "/profile", null).node());
        }

        assertThat(servedBy).doesNotContain("S2").contains("S1", "S3");
        assertThat(cluster.balancer().backends()).hasSize(2);
        assertThat(node(Strategy.REDIS, "S2").up()).as("draining stops the traffic, not the node").isTrue();
    }

    private NodeView node(Strategy strategy, String id) {
        return testLab.lab().cluster(strategy).nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    private static boolean refusesConnections(NodeView node) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(node.url().getHost(), node.url().getPort()), 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
