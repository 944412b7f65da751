package statelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabFixture;

/** The scale-out lab: S4 joins under 30 browsing users; it serves at once where sessions are shared, and sticky users stay put. */
class ScaleOutLabIT {
    @RegisterExtension
    static final LabFixture lab = LabFixture.standard();
    private static JsonNode run;

    @BeforeAll
    static void run_the_lab() throws Exception {
        run = StateLabRun.json(lab, "scale-out");
    }

    @Test
    void the_figures_have_the_contracts_shape() {
        assertThat(run.get("figures").fieldNames()).toIterable()
                .containsExactly("servedByNewNode", "failedRequests", "stickyUsersMoved");
        assertThat(run.get("figures").get("servedByNewNode").fieldNames()).toIterable().containsExactly("redis", "jwt");
        assertThat(run.get("figures").get("failedRequests").fieldNames()).toIterable().containsExactly("redis", "jwt");
    }

    @Test
    void the_new_node_serves_at_once_and_nothing_fails_where_sessions_are_shared() {
        JsonNode figures = run.get("figures");

        assertThat(figures.get("servedByNewNode").get("redis").asLong()).isGreaterThan(0);
        assertThat(figures.get("servedByNewNode").get("jwt").asLong()).isGreaterThan(0);
        assertThat(figures.get("failedRequests").get("redis").asLong()).isZero();
        assertThat(figures.get("failedRequests").get("jwt").asLong()).isZero();
    }

    @Test
    void no_sticky_user_is_moved_off_their_node() {
        assertThat(run.get("figures").get("stickyUsersMoved").asLong()).isZero();
        assertThat(lab.lab().clusters()).allSatisfy(c -> assertThat(c.nodes()).hasSize(4));
    }
}
