package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static statelab.web.ApiClient.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabFixture;

/** The page's API (docs/API.md) on a real lab, through real HTTP. */
class WebApiIT {
    private static final List<String> STRATEGIES = statelab.lab.ClusterKinds.all().stream().map(statelab.lab.ClusterKind::key).toList();

    @RegisterExtension
    static final LabFixture testLab = LabFixture.standard();
    private static WebServer web;
    private static ApiClient api;

    @BeforeAll
    static void start_a_lab_and_its_page() throws Exception {
        web = testLab.own(WebServer.start(testLab.lab(), 0));
        api = testLab.own(new ApiClient(web.uri()));
    }

    @BeforeEach
    void every_test_starts_from_a_reset_lab() {
        assertThat(api.post("api/lab/reset").status()).isEqualTo(200);
    }

    @Test
    void clusters_lists_each_kind_of_the_registry_with_its_balancer_and_nodes() {
        JsonNode clusters = api.get("api/clusters").json();

        assertThat(clusters).hasSize(statelab.lab.ClusterKinds.all().size());
        List<String> strategies = new ArrayList<>();
        for (JsonNode cluster : clusters) {
            strategies.add(cluster.get("key").asText());
            statelab.lab.ClusterKind kind = statelab.lab.ClusterKinds.byKey(cluster.get("key").asText()).orElseThrow();
            assertThat(cluster.get("title").asText()).isEqualTo(kind.title());
            assertThat(cluster.get("sessionHome").asText()).isEqualTo(kind.sessionHome());
            assertThat(cluster.get("balancer").asText()).isEqualTo("statelab");
            assertThat(cluster.get("strategy").asText()).as("the older name of the key").isEqualTo(kind.key());
            assertThat(cluster.get("lb").asText()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(cluster.get("balancing").asText()).isIn("round-robin", "sticky-cookie");
            assertThat(cluster.get("sessionHome").asText()).isNotBlank();
            assertThat(cluster.get("nodes")).extracting(n -> n.get("id").asText()).containsExactly("S1", "S2", "S3");
            for (JsonNode node : cluster.get("nodes")) {
                assertThat(node.get("url").asText()).matches("http://127\\.0\\.0\\.1:\\d+");
                assertThat(node.get("up").asBoolean()).isTrue();
                assertThat(node.get("healthy").isBoolean()).isTrue();
                assertThat(node.get("sessions").isInt()).isTrue();
                assertThat(node.get("pid").isNull()).as("an in-process node has no pid of its own").isTrue();
            }
        }
        assertThat(strategies).isEqualTo(STRATEGIES);
    }

    @Test
    void the_seed_walk_with_a_crash_of_s1_gives_the_lesson_s_totals() {
        for (int i = 0; i < 4; i++) {
            assertThat(api.post("api/lab/next").status()).isEqualTo(200);
        }
        assertThat(api.post("api/lab/nodes/S1/kill").status()).isEqualTo(200);
        JsonNode state = null;
        for (int i = 0; i < 4; i++) {
            state = api.post("api/lab/next").json();
        }

        assertThat(counters(state, "in-memory")).containsExactly(2, 6);
        assertThat(counters(state, "sticky")).containsExactly(4, 4);
        assertThat(counters(state, "redis")).containsExactly(8, 0);
        assertThat(counters(state, "jwt")).containsExactly(8, 0);
        assertThat(cluster(state, "in-memory").at("/counters/byKind/not-recognised").asInt()).isEqualTo(6);
        assertThat(cluster(state, "in-memory").at("/last/node").asText()).isEqualTo("S3");
        assertThat(cluster(state, "in-memory").at("/last/kind").asText()).isEqualTo("not-recognised");
        assertThat(cluster(state, "redis").at("/last/index").asInt()).isEqualTo(8);
        assertThat(cluster(state, "redis").at("/last/wire/storeCommands")).isNotEmpty();
        assertThat(cluster(state, "jwt").at("/last/wire/token/claims/sub").asText()).isEqualTo("alice");
        assertThat(cluster(state, "jwt").at("/last/wire/token/verified").asBoolean()).isTrue();
        assertThat(cluster(state, "sticky").get("verdict").asText()).contains("4 of 8");
        assertThat(state.at("/walk/sent").asInt()).isEqualTo(8);
        assertThat(state.at("/walk/next/index").asInt()).isEqualTo(9);
        assertThat(cluster(state, "in-memory").get("nodes").get(0).get("up").asBoolean()).isFalse();
        assertThat(state.get("log")).anySatisfy(e -> assertThat(e.get("type").asText()).isEqualTo("node-killed"));
    }

    @Test
    void killing_a_node_no_cluster_has_is_a_404_problem_and_an_error_in_the_log() {
        ApiClient.Answer answer = api.post("api/lab/nodes/S9/kill");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("kind").asText()).isEqualTo("not-found");
        assertThat(answer.json().get("detail").asText()).contains("S9");
        JsonNode log = api.get("api/state").json().get("log");
        assertThat(log.get(log.size() - 1).get("type").asText()).isEqualTo("error");
    }

    @Test
    void killing_a_node_that_is_already_down_is_a_409_problem() {
        api.post("api/lab/nodes/S2/kill");

        ApiClient.Answer again = api.post("api/lab/nodes/S2/kill");

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("kind").asText()).isEqualTo("node-already-down");
    }

    @Test
    void a_body_that_is_not_json_is_a_400_problem_and_changes_nothing() {
        ApiClient.Answer answer = api.post("api/lab/jwt-revocation", "{\"on\": tru");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("kind").asText()).isEqualTo("bad-request");
        assertThat(answer.json().get("status").asInt()).isEqualTo(400);
        assertThat(api.get("api/state").json().get("jwtRevocation").asBoolean()).isFalse();
    }

    @Test
    void unknown_endpoints_are_404_and_wrong_methods_405_problems() {
        ApiClient.Answer unknown = api.get("api/nothing-here");
        ApiClient.Answer wrongMethod = api.get("api/lab/next");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("kind").asText()).isEqualTo("not-found");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).isEqualTo("POST");
        assertThat(wrongMethod.json().get("kind").asText()).isEqualTo("method-not-allowed");
    }

    @Test
    void an_action_posted_from_another_site_is_refused() {
        ApiClient.Answer answer = api.send(HttpRequest.newBuilder(web.uri().resolve("api/lab/nodes/S1/kill"))
                .header("Origin", "https://elsewhere.example").POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("kind").asText()).isEqualTo("cross-site-request");
        assertThat(cluster(api.get("api/state").json(), "redis").get("nodes").get(0).get("up").asBoolean()).isTrue();
    }

    @Test
    void the_event_stream_sends_the_state_on_connect_and_again_after_an_action() throws Exception {
        try (EventStreamReader stream = new EventStreamReader(web.uri().resolve("api/events"))) {
            assertThat(stream.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events("state").isEmpty());
            assertThat(stream.events("state").get(0).json().at("/walk/sent").asInt()).isZero();

            api.post("api/lab/next");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stream.events("state"))
                    .anySatisfy(e -> assertThat(counters(e.json(), "redis")).containsExactly(1, 0)));
            List<EventStreamReader.Event> states = stream.events("state");
            assertThat(states.get(states.size() - 1).json().get("seq").asLong())
                    .isGreaterThan(states.get(0).json().get("seq").asLong());
        }
    }

    @Test
    void a_finished_revocation_demo_is_pushed_to_every_open_stream() throws Exception {
        try (EventStreamReader stream = new EventStreamReader(web.uri().resolve("api/events"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events("state").isEmpty());

            JsonNode demo = api.post("api/revocation/run").json();

            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events("revocation").isEmpty());
            assertThat(stream.events("revocation").get(0).json()).isEqualTo(demo);
        }
    }

    @Test
    void with_redis_stopped_the_redis_cluster_fails_as_store_down_and_a_second_stop_is_a_conflict() {
        try {
            JsonNode stopped = api.post("api/lab/redis/stop").json();
            assertThat(stopped.at("/redis/running").asBoolean()).isFalse();
            assertThat(stopped.at("/redis/sessionKeys").isNull()).isTrue();
            assertThat(api.post("api/lab/redis/stop").json().get("kind").asText()).isEqualTo("redis-already-stopped");

            JsonNode state = api.post("api/lab/next").json();

            assertThat(cluster(state, "redis").at("/last/kind").asText()).isEqualTo("store-down");
            assertThat(cluster(state, "jwt").at("/last/outcome").asText()).isEqualTo("success");
        } finally {
            api.post("api/lab/redis/start");
        }
        assertThat(api.get("api/state").json().at("/redis/sessionKeys").isInt()).isTrue();
    }

    @Test
    void killing_the_primary_of_a_redis_without_replica_is_a_409_problem() {
        ApiClient.Answer answer = api.post("api/lab/redis/kill-primary");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().get("kind").asText()).isEqualTo("redis-not-replicated");
        assertThat(api.get("api/state").json().get("redis").get("running").asBoolean()).isTrue();
    }

    @Test
    void redis_persistence_switched_on_at_run_time_keeps_sessions_through_a_stop_and_start() {
        try {
            assertThat(api.post("api/lab/redis/persistence", "{\"on\": true}").json().at("/redis/persistence").asBoolean()).isTrue();
            api.post("api/lab/next");
            api.post("api/lab/redis/stop");
            assertThat(api.post("api/lab/redis/persistence", "{\"on\": false}").json().get("kind").asText()).isEqualTo("redis-stopped");
            api.post("api/lab/redis/start");

            JsonNode state = api.post("api/lab/next").json();

            assertThat(cluster(state, "redis").at("/last/outcome").asText()).isEqualTo("success");
            assertThat(state.at("/redis/sessionKeys").asInt()).isEqualTo(1);
        } finally {
            api.post("api/lab/redis/start");
        }
        JsonNode reset = api.post("api/lab/reset").json();
        assertThat(reset.at("/redis/persistence").asBoolean()).as("reset restores the lab's start").isFalse();
    }

    @Test
    void without_persistence_a_stop_and_start_of_redis_loses_every_session() {
        assertThat(api.get("api/state").json().at("/redis/persistence").asBoolean()).isFalse();
        api.post("api/lab/next");
        api.post("api/lab/redis/stop");
        api.post("api/lab/redis/start");

        JsonNode state = api.post("api/lab/next").json();

        assertThat(cluster(state, "redis").at("/last/kind").asText()).isEqualTo("not-recognised");
        assertThat(state.at("/redis/sessionKeys").asInt()).isZero();
        assertThat(api.post("api/lab/redis/persistence", "{\"on\": 1}").status()).isEqualTo(400);
    }

    @Test
    void the_revocation_demo_shows_redis_refusing_the_old_credential_and_jwt_accepting_it() {
        JsonNode demo = api.post("api/revocation/run").json();

        assertThat(demo.at("/redis/replayAccepted").asBoolean()).isFalse();
        assertThat(demo.at("/redis/steps/2/kind").asText()).isEqualTo("revoked");
        assertThat(demo.at("/redis/steps/0/outcome").asText()).isEqualTo("success");
        assertThat(demo.at("/redis/steps/1/action").asText()).isEqualTo("POST /logout");
        assertThat(demo.at("/jwt/replayAccepted").asBoolean()).isTrue();
        assertThat(demo.at("/jwt/steps/2/status").asInt()).isEqualTo(200);
        assertThat(demo.at("/jwt/secondsUntilExpiry").asLong()).isPositive();
        assertThat(demo.at("/jwt/explanation").asText()).isNotBlank();
        assertThat(api.get("api/revocation").json().get("ranAt")).isEqualTo(demo.get("ranAt"));
        assertThat(counters(api.get("api/state").json(), "redis")).containsExactly(0, 0);
    }

    @Test
    void with_the_deny_list_on_jwt_refuses_the_replay_too() {
        try {
            assertThat(api.post("api/lab/jwt-revocation", "{\"on\": true}").json().get("jwtRevocation").asBoolean()).isTrue();

            JsonNode demo = api.post("api/revocation/run").json();

            assertThat(demo.at("/jwt/replayAccepted").asBoolean()).isFalse();
            assertThat(demo.at("/jwt/steps/2/kind").asText()).isEqualTo("revoked");
        } finally {
            api.post("api/lab/jwt-revocation", "{\"on\": false}");
        }
    }

    @Test
    void the_comparison_measures_positive_figures_on_the_running_lab() {
        JsonNode figures = api.post("api/compare/run").json();

        assertThat(figures.get("requests").asInt()).isEqualTo(CompareMeasurement.REQUESTS);
        for (String strategy : List.of("redis", "jwt")) {
            JsonNode side = figures.get(strategy);
            for (String spread : List.of("sessionMicros", "requestMicros")) {
                assertThat(side.at("/" + spread + "/p50").asDouble()).as(strategy + " " + spread).isPositive();
                assertThat(side.at("/" + spread + "/p95").asDouble()).isGreaterThanOrEqualTo(side.at("/" + spread + "/p50").asDouble());
            }
            assertThat(side.get("credentialBytes").asInt()).isPositive();
        }
        assertThat(figures.at("/redis/storeCommandsPerRequest").asDouble()).isGreaterThanOrEqualTo(1.0);
        assertThat(figures.at("/jwt/storeCommandsPerRequest").asDouble()).isZero();
        assertThat(figures.at("/jwt/credentialBytes").asInt()).isGreaterThan(figures.at("/redis/credentialBytes").asInt());
        assertThat(figures.at("/jwt/firstSightMicros/p50").asDouble()).as("a full signature check").isPositive();
        assertThat(figures.get("redis").has("firstSightMicros")).isFalse();
        assertThat(figures.get("warmUp").asInt()).isEqualTo(CompareMeasurement.WARM_UP);
        assertThat(figures.at("/redis/sessionMicros/runMedians")).hasSize(CompareMeasurement.RUNS);
        assertThat(api.get("api/state").json().at("/redis/sessionKeys").asInt()).as("the measurement's own session").isZero();
        assertThat(api.get("api/compare").json().get("measuredAt")).isEqualTo(figures.get("measuredAt"));
    }

    @Test
    void side_traffic_does_not_shift_alice_s_rotation() {
        api.post("api/revocation/run");
        api.post("api/compare/run");

        JsonNode first = api.post("api/lab/next").json();
        JsonNode second = api.post("api/lab/next").json();

        assertThat(cluster(first, "redis").at("/last/node").asText()).isEqualTo("S1");
        assertThat(cluster(second, "redis").at("/last/node").asText()).isEqualTo("S2");
        assertThat(cluster(second, "jwt").at("/last/node").asText()).isEqualTo("S2");
    }

    @Test
    void the_page_is_served_with_its_content_types_and_security_headers() {
        ApiClient.Answer page = api.send(HttpRequest.newBuilder(web.uri()).GET());
        ApiClient.Answer script = api.send(HttpRequest.newBuilder(web.uri().resolve("js/main.js")).GET());
        ApiClient.Answer missing = api.send(HttpRequest.newBuilder(web.uri().resolve("js/nothing.js")).GET());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'").doesNotContain("unsafe");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(URI.create(web.uri().toString()).getHost()).isEqualTo("localhost");
    }

    private static List<Integer> counters(JsonNode state, String strategy) {
        JsonNode counters = cluster(state, strategy).get("counters");
        return List.of(counters.get("success").asInt(), counters.get("failure").asInt());
    }
}
