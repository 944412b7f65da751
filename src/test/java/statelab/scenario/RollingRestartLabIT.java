package statelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabFixture;

/**
 * The rolling-restart lab: S1, S2, S3 drained and restarted one after another under 11 browsing users.
 * Sessions kept on the nodes fail and sign users out; sessions in Redis or in tokens lose nothing.
 */
class RollingRestartLabIT {
    @RegisterExtension
    static final LabFixture lab = LabFixture.standard();
    private static JsonNode run;

    @BeforeAll
    static void run_the_lab() throws Exception {
        run = StateLabRun.json(lab, "rolling-restart");
    }

    @Test
    void the_figures_have_the_contracts_shape() {
        assertThat(run.get("scenario").asText()).isEqualTo("rolling-restart");
        assertThat(run.get("figures").fieldNames()).toIterable().containsExactly("failedRequests", "usersSignedOut");
        for (String figure : new String[] {"failedRequests", "usersSignedOut"}) {
            assertThat(run.get("figures").get(figure).fieldNames()).toIterable()
                    .containsExactly("in-memory", "sticky", "redis", "jwt");
        }
    }

    @Test
    void sessions_kept_on_the_nodes_fail_and_sign_users_out() {
        JsonNode figures = run.get("figures");

        assertThat(figures.get("failedRequests").get("in-memory").asLong()).isGreaterThan(0);
        assertThat(figures.get("failedRequests").get("sticky").asLong()).isGreaterThan(0);
        assertThat(figures.get("usersSignedOut").get("in-memory").asLong()).isGreaterThan(0);
        assertThat(figures.get("usersSignedOut").get("sticky").asLong()).isGreaterThan(0);
    }

    @Test
    void sessions_in_redis_or_in_tokens_lose_no_request_and_no_user() {
        JsonNode figures = run.get("figures");

        assertThat(figures.get("failedRequests").get("redis").asLong()).isZero();
        assertThat(figures.get("failedRequests").get("jwt").asLong()).isZero();
        assertThat(figures.get("usersSignedOut").get("redis").asLong()).isZero();
        assertThat(figures.get("usersSignedOut").get("jwt").asLong()).isZero();
    }

    @Test
    void every_node_was_drained_before_its_restart() {
        java.util.List<String> actions = new java.util.ArrayList<>();
        run.get("steps").forEach(step -> actions.add(step.get("action").asText()));

        assertThat(actions).containsSubsequence("users 11 start", "drain S1", "restart S1", "drain S2", "restart S2",
                "drain S3", "restart S3", "users stop");
    }
}
