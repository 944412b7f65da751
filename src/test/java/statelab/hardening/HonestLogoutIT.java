package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabFixture;
import statelab.lab.LabConfig;
import statelab.lab.NodeView;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;

/**
 * A logout through a round-robin balancer lands on a node that never saw the in-memory session. Its
 * answer must say so (the node, {@code held: false}, {@code revoked: false}, a reason) rather than
 * claim a revocation, because a copy of the credential still works on the node that holds it.
 */
class HonestLogoutIT {
    private static final String COOKIE = Strategy.IN_MEMORY.credentialCookie();
    @RegisterExtension
    static final LabFixture testLab = LabFixture.of(LabConfig.standard().withStrategies(List.of(Strategy.IN_MEMORY)));

    @Test
    void a_logout_on_a_node_without_the_session_says_it_revoked_nothing_and_the_copy_still_works_where_it_lives() {
        LabClient alice = testLab.signedInAlice(Strategy.IN_MEMORY);
        String copy = alice.jar().get(COOKIE);
        NodeView home = homeOf(copy);
        RequestResult logout = alice.send("POST", "/logout", null);
        if (logout.node().equals(home.id())) {
            // Round-robin brought the logout home; sign in again so the next logout lands elsewhere.
            alice = testLab.signedInAlice(Strategy.IN_MEMORY);
            copy = alice.jar().get(COOKIE);
            home = homeOf(copy);
            logout = alice.send("POST", "/logout", null);
        }

        assertThat(logout.status()).isEqualTo(200);
        assertThat(logout.node()).isNotEqualTo(home.id());
        assertThat(logout.wire().body()).containsEntry("node", logout.node()).containsEntry("held", false)
                .containsEntry("revoked", false);
        assertThat((String) logout.wire().body().get("reason")).contains("holds no session");
        try (LabClient thief = LabClient.direct(home.url(), Strategy.IN_MEMORY)) {
            thief.jar().put(COOKIE, copy);
            assertThat(thief.send("GET", "/profile", null).succeeded()).isTrue();

            RequestResult atHome = thief.send("POST", "/logout", null);

            assertThat(atHome.wire().body()).containsEntry("held", true).containsEntry("revoked", true).doesNotContainKey("reason");
            thief.jar().put(COOKIE, copy);
            assertThat(thief.send("GET", "/profile", null).succeeded()).isFalse();
        }
    }

    /** The node whose memory holds the session of this credential (asked straight, not through the balancer). */
    private static NodeView homeOf(String credential) {
        for (NodeView node : testLab.lab().cluster(Strategy.IN_MEMORY).nodes()) {
            try (LabClient probe = LabClient.direct(node.url(), Strategy.IN_MEMORY)) {
                probe.jar().put(COOKIE, credential);
                if (probe.send("GET", "/profile", null).succeeded()) {
                    return node;
                }
            }
        }
        throw new AssertionError("no node holds the session");
    }
}
