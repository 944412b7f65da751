package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabFixture;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;
import statelab.session.FailureKind;

/** A node that crashes and comes back, again and again, while a user keeps reading pages through the redis balancer. */
class FlappingNodeIT {
    private static final int FLAPS = 5;
    /** Requests the user must complete in each phase (node down, node back) before the next change. */
    private static final int PER_PHASE = 15;
    private static final int MAX_REQUESTS = 5_000;

    @RegisterExtension
    final LabFixture testLab = LabFixture.of(LabConfig.standard().withStrategies(List.of(Strategy.REDIS)));

    @BeforeEach
    void wait_until_every_balancer_sees_its_nodes_healthy() {
        testLab.awaitBalancersHealthy();
    }

    @Test
    void a_node_killed_and_restarted_five_times_never_shows_the_user_node_down() throws Exception {
        LabClient alice = testLab.signedInAlice(Strategy.REDIS);
        Queue<RequestResult> results = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread user = Thread.ofVirtual().name("flapping-user").start(() -> {
            for (int i = 0; i < MAX_REQUESTS && !stop.get(); i++) {
                results.add(alice.send("GET", "/profile", null));
            }
        });
        int afterLastRestart = 0;
        try {
            for (int flap = 0; flap < FLAPS; flap++) {
                testLab.lab().kill("S2");
                awaitMore(results, PER_PHASE);
                testLab.lab().restart("S2");
                afterLastRestart = results.size();
                awaitMore(results, PER_PHASE);
            }
        } finally {
            stop.set(true);
            user.join(Duration.ofSeconds(30));
        }

        List<RequestResult> all = List.copyOf(results);
        System.out.println("FlappingNodeIT: " + all.size() + " requests over " + FLAPS + " crashes of S2, "
                + testLab.lab().cluster(Strategy.REDIS).balancer().stats().retries() + " balancer retries");
        assertThat(all).hasSizeGreaterThanOrEqualTo(2 * FLAPS * PER_PHASE);
        assertThat(all).noneMatch(r -> r.failedWith(FailureKind.NODE_DOWN));
        assertThat(all).allMatch(RequestResult::succeeded);
        assertThat(all).extracting(RequestResult::node).allMatch(Set.of("S1", "S2", "S3")::contains);
        assertThat(all.subList(afterLastRestart, all.size())).as("S2 is back in the rotation")
                .extracting(RequestResult::node).contains("S2");
    }

    private static void awaitMore(Queue<RequestResult> results, int more) {
        int target = results.size() + more;
        await().atMost(Duration.ofSeconds(20)).until(() -> results.size() >= target);
    }
}
