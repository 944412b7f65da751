package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabFixture;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;
import statelab.session.LoginThrottle;

/**
 * Anyone can lock alice and bob out with wrong guesses (the throttle must stay). The page's own runs
 * must not depend on them, and the learner must be told, in words, that alice is locked out and for
 * how long.
 */
class DemoLockoutIT {
    @RegisterExtension
    static final LabFixture testLab = LabFixture.standard();
    private static ApiClient api;

    @BeforeAll
    static void start_a_lab_and_lock_out_the_demo_users() throws Exception {
        WebServer web = testLab.own(WebServer.start(testLab.lab(), 0));
        api = testLab.own(new ApiClient(web.uri()));
        LabClient guesser = testLab.client(Strategy.REDIS);
        for (String user : List.of("alice", "bob")) {
            for (int i = 0; i <= LoginThrottle.LIMIT; i++) {
                guesser.send("POST", "/login", "{\"user\":\"" + user + "\",\"password\":\"guess\"}");
            }
        }
    }

    @Test
    void the_measurement_and_the_revocation_demo_run_while_alice_and_bob_are_locked_out() {
        ApiClient.Answer compare = api.post("api/compare/run");
        ApiClient.Answer revocation = api.post("api/revocation/run");

        assertThat(compare.status()).as(String.valueOf(compare.json())).isEqualTo(200);
        assertThat(compare.json().at("/redis/requestMicros/p50").isNumber()).isTrue();
        assertThat(revocation.status()).as(String.valueOf(revocation.json())).isEqualTo(200);
        assertThat(revocation.json().at("/redis/replayAccepted").asBoolean()).isFalse();
    }

    @Test
    void the_event_log_says_in_words_that_alice_is_locked_out_and_for_how_long() {
        JsonNode state = api.post("api/lab/next").json();

        List<String> lockouts = new ArrayList<>();
        state.get("log").forEach(e -> {
            if (e.get("type").asText().equals("locked-out")) {
                lockouts.add(e.get("message").asText());
            }
        });
        assertThat(lockouts).singleElement().asString()
                .contains("alice is locked out").contains("even with the right password").containsPattern("for [1-5] min");
    }
}
