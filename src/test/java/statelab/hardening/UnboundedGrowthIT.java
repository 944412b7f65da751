package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabFixture;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;

/**
 * What an outsider can make the shared process keep, checked by size: settings per session (and so
 * a JWT's length), and the page's event log and state document under a stream of refused requests
 * with long paths.
 */
class UnboundedGrowthIT {
    private static final String MARK = "attacker-text-";
    @RegisterExtension
    static final LabFixture testLab = LabFixture.standard().withPage();

    @Test
    void settings_per_session_stop_at_the_limit_and_the_session_survives_in_every_strategy() {
        for (Strategy strategy : List.of(Strategy.STICKY, Strategy.REDIS, Strategy.JWT)) {
            LabClient alice = testLab.signedInAlice(strategy);
            int refused = 0;
            for (int round = 0; round < 10; round++) {
                RequestResult change = alice.send("POST", "/settings", eightSettings(round, "x".repeat(40)));
                if (change.status() == 422) {
                    refused++;
                    assertThat(change.wire().body()).containsEntry("kind", "settings-too-large");
                } else {
                    assertThat(change.status()).as(strategy + " " + change.summary()).isEqualTo(200);
                }
            }
            RequestResult profile = alice.send("GET", "/profile", null);

            assertThat(refused).as(strategy.key()).isGreaterThan(0);
            assertThat(profile.succeeded()).as(strategy + " " + profile.summary()).isTrue();
            assertThat((Map<?, ?>) profile.wire().body().get("settings")).hasSizeLessThanOrEqualTo(16);
        }
    }

    @Test
    void a_token_never_outgrows_what_verifiers_accept_and_a_refused_change_keeps_the_session() {
        LabClient alice = testLab.signedInAlice(Strategy.JWT);
        String tokenBefore = null;
        RequestResult last = null;
        for (int round = 0; round < 6; round++) {
            tokenBefore = alice.jar().get("token");
            // Characters many JSON writers escape to six bytes each: the size that counts is the escaped one.
            last = alice.send("POST", "/settings", eightSettings(round, "<".repeat(64)));
            if (last.status() != 200) {
                break;
            }
        }
        RequestResult profile = alice.send("GET", "/profile", null);

        assertThat(last.status()).isEqualTo(422);
        assertThat(alice.jar().get("token")).isEqualTo(tokenBefore).hasSizeLessThan(4096);
        assertThat(profile.succeeded()).as(profile.summary()).isTrue();
    }

    @Test
    void refused_requests_with_long_paths_leave_the_state_document_small_and_free_of_their_text() throws Exception {
        String longId = MARK + "A".repeat(6000);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            for (int i = 0; i < 250; i++) {
                HttpRequest.Builder kill = HttpRequest.newBuilder(testLab.page().resolve("/api/lab/nodes/" + longId + i + "/kill"))
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody());
                if (i % 2 == 0) {
                    kill.header("Origin", "http://" + MARK + "evil.example");
                }
                int status = http.send(kill.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                assertThat(status).isIn(403, 404);
            }
            String state = http.send(HttpRequest.newBuilder(testLab.page().resolve("/api/state")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();

            assertThat(state.length()).isLessThan(200_000);
            assertThat(state).doesNotContain(MARK).contains("refused");
        }
    }

    private static String eightSettings(int round, String value) {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 8; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(round).append('-').append(i).append("\":\"").append(value).append('"');
        }
        return json.append('}').toString();
    }
}
