package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static statelab.web.WebFixtures.failure;
import static statelab.web.WebFixtures.jwtSuccess;
import static statelab.web.WebFixtures.success;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import statelab.lab.LabEvent;
import statelab.lab.NodeView;
import statelab.session.FailureKind;

class StateJsonTest {

    @Test
    void a_failed_last_request_names_its_kind_node_and_status() {
        JsonNode last = StateJson.lastRequest(5, failure("S2", FailureKind.NOT_RECOGNISED));

        assertThat(last.get("index").asInt()).isEqualTo(5);
        assertThat(last.get("method").asText()).isEqualTo("GET");
        assertThat(last.get("path").asText()).isEqualTo("/profile");
        assertThat(last.get("node").asText()).isEqualTo("S2");
        assertThat(last.get("status").asInt()).isEqualTo(401);
        assertThat(last.get("outcome").asText()).isEqualTo("failure");
        assertThat(last.get("kind").asText()).isEqualTo("not-recognised");
        assertThat(last.get("elapsedMicros").asLong()).isEqualTo(1834);
        assertThat(last.at("/wire/body/kind").asText()).isEqualTo("not-recognised");
        assertThat(last.at("/wire/sessionMicros").isNull()).isTrue();
    }

    @Test
    void a_successful_last_request_has_no_kind_at_all() {
        JsonNode last = StateJson.lastRequest(1, success("S1"));

        assertThat(last.get("outcome").asText()).isEqualTo("success");
        assertThat(last.has("kind")).isFalse();
        assertThat(last.at("/wire/storeCommands/0").asText()).isEqualTo("GETEX");
        assertThat(last.at("/wire/sessionMicros").asDouble()).isEqualTo(61.3);
        assertThat(last.at("/wire/credentialBytes").asInt()).isEqualTo(15);
        assertThat(last.at("/wire/sentCookies").asText()).isEqualTo("sid=abc");
        assertThat(last.at("/wire/token").isNull()).isTrue();
    }

    @Test
    void when_no_node_answered_node_and_status_are_null() {
        JsonNode last = StateJson.lastRequest(6, failure(null, FailureKind.NODE_DOWN));

        assertThat(last.get("node").isNull()).isTrue();
        assertThat(last.get("status").isNull()).isTrue();
        assertThat(last.get("kind").asText()).isEqualTo("node-down");
    }

    @Test
    void a_jwt_request_shows_the_token_decoded_and_whether_it_verifies() {
        JsonNode token = StateJson.lastRequest(2, jwtSuccess("S2")).at("/wire/token");

        assertThat(token.at("/header/alg").asText()).isEqualTo("ES256");
        assertThat(token.at("/claims/sub").asText()).isEqualTo("alice");
        assertThat(token.at("/claims/exp").asLong()).isEqualTo(1_764_300_000L);
        assertThat(token.get("verified").asBoolean()).isTrue();
        assertThat(token.get("reason").asText()).isEqualTo("signature verified");
    }

    @Test
    void nodes_report_their_id_url_liveness_health_and_sessions() {
        JsonNode nodes = StateJson.nodes(List.of(new NodeView("S1", URI.create("http://127.0.0.1:40124"), false, true, 0)));

        assertThat(nodes.get(0).get("id").asText()).isEqualTo("S1");
        assertThat(nodes.get(0).get("url").asText()).isEqualTo("http://127.0.0.1:40124");
        assertThat(nodes.get(0).get("up").asBoolean()).isFalse();
        assertThat(nodes.get(0).get("healthy").asBoolean()).isTrue();
        assertThat(nodes.get(0).get("sessions").asInt()).isZero();
    }

    @Test
    void the_walk_says_what_the_next_request_will_be() {
        JsonNode walk = StateJson.walk(new LabActions.Walk("alice", 4, 5, "GET", "/profile"));

        assertThat(walk.get("user").asText()).isEqualTo("alice");
        assertThat(walk.get("sent").asInt()).isEqualTo(4);
        assertThat(walk.at("/next/index").asInt()).isEqualTo(5);
        assertThat(walk.at("/next/method").asText()).isEqualTo("GET");
        assertThat(walk.at("/next/path").asText()).isEqualTo("/profile");
    }

    @Test
    void log_entries_carry_an_iso_instant_type_strategy_and_message() {
        Instant at = Instant.parse("2026-11-28T04:00:00Z");
        JsonNode log = StateJson.log(List.of(new LabEvent(at, "node-killed", "in-memory", "S1 crashed"),
                new LabEvent(at, "reset", null, "the lab was reset")));

        assertThat(log.get(0).get("at").asText()).isEqualTo("2026-11-28T04:00:00Z");
        assertThat(log.get(0).get("type").asText()).isEqualTo("node-killed");
        assertThat(log.get(0).get("strategy").asText()).isEqualTo("in-memory");
        assertThat(log.get(1).get("strategy").isNull()).isTrue();
        assertThat(log.get(1).get("message").asText()).isEqualTo("the lab was reset");
    }
}
