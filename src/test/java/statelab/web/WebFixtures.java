package statelab.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import statelab.scenario.Outcome;
import statelab.scenario.RequestResult;
import statelab.scenario.StepReport;
import statelab.scenario.TokenView;
import statelab.scenario.Wire;
import statelab.session.FailureKind;

/** Request results as the lab's clients would report them, for tests that need no lab. */
final class WebFixtures {
    private WebFixtures() {
    }

    static RequestResult success(String node) {
        Wire wire = new Wire("sid=abc", List.of(), node, List.of("GETEX"), 61.3, 15, null,
                Map.of("node", node, "user", "alice"));
        return new RequestResult("GET", "/profile", node, 200, Outcome.SUCCESS, null, 900, wire);
    }

    static RequestResult failure(String node, FailureKind kind) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node", node);
        body.put("user", null);
        body.put("kind", kind.key());
        Wire wire = new Wire("sid=abc", List.of(), node, List.of(), null, 15, null, body);
        return new RequestResult("GET", "/profile", node, node == null ? 0 : kind.httpStatus(), Outcome.FAILURE, kind.key(), 1834, wire);
    }

    static RequestResult jwtSuccess(String node) {
        TokenView token = new TokenView(Map.of("alg", "ES256", "typ", "statelab-session+jwt"),
                Map.of("sub", "alice", "exp", 1_764_300_000L), true, "signature verified");
        Wire wire = new Wire("token=eyJ", List.of(), node, List.of(), 410.2, 600, token, Map.of("node", node, "user", "alice"));
        return new RequestResult("GET", "/profile", node, 200, Outcome.SUCCESS, null, 1200, wire);
    }

    /** A request step with one result per strategy, in the order given. */
    static StepReport request(int index, Object... strategyThenResult) {
        Map<String, RequestResult> results = new LinkedHashMap<>();
        for (int i = 0; i < strategyThenResult.length; i += 2) {
            results.put((String) strategyThenResult[i], (RequestResult) strategyThenResult[i + 1]);
        }
        return new StepReport(index, "GET /profile", results, null);
    }
}
