package statelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabClientTest {

    @Test
    void a_session_failure_kind_in_the_body_is_taken_as_it_is() {
        assertThat(LabClient.kindOf(401, Map.of("kind", "expired"))).isEqualTo("expired");
    }

    @Test
    void a_problem_kind_the_scenario_model_does_not_know_is_reported_as_itself_not_as_bad_credential() {
        assertThat(LabClient.kindOf(400, Map.of("type", "urn:statelab:problem:bad-request", "kind", "bad-request")))
                .isEqualTo("bad-request");
        assertThat(LabClient.kindOf(404, Map.of("kind", "not-found"))).isEqualTo("not-found");
    }

    @Test
    void without_a_kind_the_last_part_of_the_problem_type_names_it() {
        assertThat(LabClient.kindOf(402, Map.of("type", "https://example.com/problems/out-of-credit")))
                .isEqualTo("out-of-credit");
        assertThat(LabClient.kindOf(400, Map.of("type", "urn:statelab:problem:bad-request"))).isEqualTo("bad-request");
    }

    @Test
    void without_a_problem_body_the_status_says_what_it_can() {
        assertThat(LabClient.kindOf(502, null)).isEqualTo("node-down");
        assertThat(LabClient.kindOf(503, Map.of())).isEqualTo("node-down");
        assertThat(LabClient.kindOf(401, Map.of())).isEqualTo("not-recognised");
        assertThat(LabClient.kindOf(200, Map.of("node", "S1"))).isEqualTo("not-recognised");
        assertThat(LabClient.kindOf(404, Map.of("type", "about:blank"))).isEqualTo("http-404");
        assertThat(LabClient.kindOf(403, null)).isEqualTo("http-403");
    }
}
