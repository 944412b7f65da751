package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import statelab.lab.LabEvent;
import statelab.scenario.Outcome;
import statelab.scenario.RequestResult;
import statelab.scenario.StepReport;
import statelab.scenario.Wire;
import statelab.session.FailureKind;

class WalkNoticesTest {

    @Test
    void a_logout_that_ended_nothing_is_said_in_the_log_with_the_node_and_the_reason() {
        Map<String, Object> body = Map.of("node", "S2", "held", false, "revoked", false, "reason", "this node holds no session");
        StepReport step = step(Map.of("in-memory", result("POST", "/logout", "S2", 200, null, body)));

        List<LabEvent> notices = WalkNotices.of("alice", step);

        assertThat(notices).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("logout-kept");
            assertThat(e.strategy()).isEqualTo("in-memory");
            assertThat(e.message()).startsWith("S2 cleared the cookie but ended no session").contains("holds no session");
        });
    }

    @Test
    void a_lockout_on_every_cluster_is_one_notice_with_the_longest_wait() {
        Map<String, RequestResult> results = new LinkedHashMap<>();
        results.put("redis", result("POST", "/login", "S1", 429, FailureKind.RATE_LIMITED, Map.of("retryAfter", 292)));
        results.put("jwt", result("POST", "/login", "S1", 429, FailureKind.RATE_LIMITED, Map.of("retryAfter", 290)));

        List<LabEvent> notices = WalkNotices.of("alice", step(results));

        assertThat(notices).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("locked-out");
            assertThat(e.message()).contains("alice is locked out (redis, jwt)").contains("for 4 min 52 s");
        });
    }

    @Test
    void a_logout_that_revoked_and_a_plain_failure_say_nothing_extra() {
        Map<String, RequestResult> results = new LinkedHashMap<>();
        results.put("redis", result("POST", "/logout", "S1", 200, null, Map.of("revoked", true)));
        results.put("in-memory", result("GET", "/profile", "S2", 401, FailureKind.NOT_RECOGNISED, Map.of()));

        assertThat(WalkNotices.of("alice", step(results))).isEmpty();
    }

    private static StepReport step(Map<String, RequestResult> results) {
        return new StepReport(1, "POST /logout", results, null);
    }

    private static RequestResult result(String method, String path, String node, int status, FailureKind kind, Map<String, Object> body) {
        Wire wire = new Wire(null, List.of(), node, List.of(), null, 0, null, body);
        return new RequestResult(method, path, node, status, kind == null && status < 400 ? Outcome.SUCCESS : Outcome.FAILURE,
                kind == null ? null : kind.key(), 1000, wire);
    }
}
