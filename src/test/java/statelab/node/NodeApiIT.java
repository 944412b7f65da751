package statelab.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabFixture;
import statelab.TestLab;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;

/** The node API of docs/LAB-SEMANTICS.md, straight to a node and through a balancer. */
class NodeApiIT {
    @RegisterExtension
    static final LabFixture testLab = LabFixture.standard();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Generous, a sign-in's hash on a busy machine included; past it the lab is stuck and the test fails instead of waiting on. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void login_sets_a_hardened_cookie_and_names_the_node() {
        RequestResult login = testLab.client(Strategy.REDIS).send("POST", "/login", TestLab.ALICE_LOGIN);

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.node()).isEqualTo("S1");
        assertThat(login.wire().setCookies()).singleElement().asString()
                .startsWith("sid=").contains("HttpOnly").contains("SameSite=Lax").contains("Path=/")
                .doesNotContainIgnoringCase("domain");
        assertThat(login.wire().body()).containsEntry("user", "alice");
    }

    @Test
    void every_clusters_nodes_name_their_own_cluster_kind() {
        for (Strategy strategy : Strategy.values()) {
            // Straight to a node, so no balancer's round-robin moves under the other tests.
            try (LabClient client = LabClient.direct(testLab.lab().cluster(strategy).nodes().get(0).url(), strategy)) {
                RequestResult login = client.send("POST", "/login", TestLab.ALICE_LOGIN);
                RequestResult dashboard = client.send("GET", "/dashboard", null);

                assertThat(login.wire().body()).as(strategy.key()).containsEntry("strategy", strategy.key());
                assertThat(dashboard.wire().body()).as(strategy.key()).containsEntry("strategy", strategy.key());
            }
        }
    }

    @Test
    void a_wrong_password_is_401_bad_credential_as_a_problem() throws Exception {
        HttpResponse<String> answer = post(lb(Strategy.JWT).resolve("/login"), "application/json",
                "{\"user\":\"alice\",\"password\":\"nope\"}");

        assertProblem(answer, 401, "bad-credential");
        assertThat(answer.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void pages_without_a_session_are_401_not_recognised() throws Exception {
        for (String page : new String[] {"/profile", "/dashboard"}) {
            HttpResponse<String> answer = get(lb(Strategy.IN_MEMORY).resolve(page));
            assertProblem(answer, 401, "not-recognised");
            assertThat(answer.headers().firstValue("X-Served-By")).isPresent();
        }
    }

    @Test
    void health_answers_200() throws Exception {
        URI s2 = testLab.lab().cluster(Strategy.REDIS).nodes().get(1).url();

        HttpResponse<String> answer = get(s2.resolve("/health"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Served-By")).contains("S2");
    }

    @Test
    void a_jwt_is_accepted_as_a_bearer_token() throws Exception {
        LabClient alice = testLab.signedInAlice(Strategy.JWT);
        String token = alice.jar().get("token");

        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(lb(Strategy.JWT).resolve("/profile")).timeout(ANSWER_WITHIN)
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).get("user").asText()).isEqualTo("alice");
    }

    @Test
    void settings_are_kept_in_the_session_and_shown_on_every_node() {
        LabClient alice = testLab.signedInAlice(Strategy.REDIS);

        alice.send("POST", "/settings", "{\"theme\":\"dark\",\"language\":\"fr\"}");
        RequestResult elsewhere = alice.send("GET", "/profile", null);

        assertThat(elsewhere.wire().body().get("settings")).isEqualTo(java.util.Map.of("theme", "dark", "language", "fr"));
    }

    @Test
    void several_settings_in_one_request_are_one_store_write_on_redis_and_one_new_token_on_jwt() {
        String three = "{\"theme\":\"dark\",\"language\":\"fr\",\"tz\":\"utc\"}";
        LabClient onRedis = testLab.signedInAlice(Strategy.REDIS);
        // Once first, so the script is in Redis's cache and the measured request shows its EVALSHA alone.
        onRedis.send("POST", "/settings", "{\"theme\":\"light\"}");

        RequestResult stored = onRedis.send("POST", "/settings", three);
        RequestResult signed = testLab.signedInAlice(Strategy.JWT).send("POST", "/settings", three);

        assertThat(stored.wire().storeCommands()).as("the read, then one script for all three").containsExactly("GETEX", "EVALSHA");
        assertThat(stored.wire().body().get("settings")).isEqualTo(java.util.Map.of("theme", "dark", "language", "fr", "tz", "utc"));
        assertThat(signed.wire().setCookies()).as("one re-signed token for all three").hasSize(1);
        assertThat(signed.wire().body().get("settings")).isEqualTo(java.util.Map.of("theme", "dark", "language", "fr", "tz", "utc"));
    }

    @Test
    void logout_revokes_the_session_at_once_on_every_node() {
        LabClient alice = testLab.signedInAlice(Strategy.REDIS);
        String old = alice.jar().get("sid");

        RequestResult logout = alice.send("POST", "/logout", null);
        LabClient replay = testLab.client(Strategy.REDIS);
        replay.jar().put("sid", old);

        assertThat(logout.status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            RequestResult r = replay.send("GET", "/profile", null);
            assertThat(r.kind()).isEqualTo(statelab.session.FailureKind.REVOKED.key());
        }
    }

    @Test
    void a_new_login_revokes_the_credential_held_before_it() {
        LabClient alice = testLab.signedInAlice(Strategy.REDIS);
        String before = alice.jar().get("sid");

        alice.send("POST", "/login", TestLab.ALICE_LOGIN);
        LabClient replay = testLab.client(Strategy.REDIS);
        replay.jar().put("sid", before);

        assertThat(alice.jar().get("sid")).isNotEqualTo(before);
        assertThat(replay.send("GET", "/profile", null).succeeded()).isFalse();
    }

    @Test
    void malformed_requests_get_a_4xx_problem_never_a_5xx() throws Exception {
        URI lb = lb(Strategy.REDIS);
        assertProblem(post(lb.resolve("/login"), "text/plain", "user=alice"), 415, "unsupported-media-type");
        assertProblem(post(lb.resolve("/login"), "application/json", "{not json"), 400, "bad-request");
        assertProblem(post(lb.resolve("/login"), "application/json", "[1,2]"), 400, "bad-request");
        assertProblem(post(lb.resolve("/login"), "application/json", "x".repeat(20_000)), 413, "too-large");
        assertProblem(get(lb.resolve("/nowhere")), 404, "not-found");
        assertProblem(get(lb.resolve("/login")), 405, "method-not-allowed");
        assertProblem(post(lb.resolve("/settings"), "application/json", "{}"), 400, "bad-request");
    }

    private static URI lb(Strategy strategy) {
        return testLab.lb(strategy);
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(ANSWER_WITHIN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI uri, String type, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(ANSWER_WITHIN).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertProblem(HttpResponse<String> answer, int status, String kind) throws Exception {
        assertThat(answer.statusCode()).as(answer.uri() + " " + answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("kind").asText()).isEqualTo(kind);
        assertThat(body.get("type").asText()).isEqualTo("urn:statelab:problem:" + kind);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("at org.").doesNotContain("at statelab.");
    }
}
