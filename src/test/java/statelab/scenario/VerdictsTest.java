package statelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import statelab.session.FailureKind;

class VerdictsTest {

    private static RequestResult served(String node) {
        return new RequestResult("GET", "/profile", node, 200, Outcome.SUCCESS, null, 900,
                new Wire("sid=a", List.of(), node, List.of(), null, 10, null, Map.of()));
    }

    private static RequestResult failed(String node, FailureKind kind) {
        return new RequestResult("GET", "/profile", node, kind.httpStatus(), Outcome.FAILURE, kind.key(), 900,
                new Wire("sid=a", List.of(), node, List.of(), null, 10, null, Map.of()));
    }

    private static StepReport request(int index, RequestResult result) {
        return new StepReport(index, "GET /profile", Map.of("redis", result), null);
    }

    @Test
    void the_verdict_leads_with_the_latest_failure_in_plain_words() {
        List<StepReport> steps = List.of(
                request(1, served("S1")),
                request(2, failed("S2", FailureKind.NOT_RECOGNISED)),
                request(3, failed("S3", FailureKind.NOT_RECOGNISED)),
                new StepReport(null, "stop Redis", Map.of(), null),
                request(4, failed("S1", FailureKind.STORE_DOWN)));

        String verdict = Verdicts.of("redis", steps);

        assertThat(verdict).startsWith("1 of 4 requests succeeded. Latest failure: the nodes could not reach Redis")
                .contains("newest first: Redis out of reach once, session not recognised twice")
                .doesNotContain("store-down").doesNotContain("not-recognised").doesNotContain(" x");
    }

    @Test
    void a_session_known_to_one_node_only_is_still_explained_by_that_node() {
        List<StepReport> steps = List.of(request(1, served("S1")), request(2, failed("S2", FailureKind.NOT_RECOGNISED)),
                request(3, failed("S3", FailureKind.NOT_RECOGNISED)), request(4, served("S1")));

        assertThat(Verdicts.of("redis", steps)).isEqualTo("2 of 4 requests succeeded. Only S1, the node holding the session, "
                + "recognised it; S2 and S3 had never seen it (session not recognised twice).");
    }

    @Test
    void servers_switched_off_before_the_first_request_are_no_crash_the_session_lived_through() {
        List<StepReport> steps = List.of(new StepReport(null, "kill S2", Map.of(), null),
                request(1, served("S1")), request(2, served("S1")));

        assertThat(Verdicts.of("redis", steps)).isEqualTo("2 of 2 requests succeeded.");
    }

    @Test
    void a_kind_that_is_no_session_failure_is_named_as_itself_and_blames_the_request() {
        RequestResult refused = new RequestResult("POST", "/login", "S1", 400, Outcome.FAILURE, "bad-request", 900,
                new Wire(null, List.of(), "S1", List.of(), null, 0, null, Map.of("kind", "bad-request")));
        List<StepReport> steps = List.of(request(1, served("S1")), request(2, refused));

        assertThat(Verdicts.of("redis", steps)).isEqualTo("1 of 2 requests succeeded. Latest failure: the request itself "
                + "was refused (bad-request), not the session. Failures so far, newest first: bad-request once.")
                .doesNotContain("credential");
    }
}
