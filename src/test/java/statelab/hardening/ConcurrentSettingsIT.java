package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import statelab.TestLab;
import statelab.Waits;
import statelab.lab.LabConfig;
import statelab.lab.NodeView;
import statelab.lab.Strategy;
import statelab.scenario.CookieJar;

/**
 * One session, two settings changes at the same moment on two different nodes. In Redis each change
 * is one script run inside Redis, so different settings both stay and the same setting ends as one of
 * the two values written. A JWT is re-signed by whichever node changes it: two changes made with the
 * same token give two tokens, each with only its own change, and the browser keeps the last to arrive.
 */
class ConcurrentSettingsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = 20;

    private static TestLab testLab;
    private static HttpClient http;

    @BeforeAll
    static void start_lab() throws Exception {
        testLab = TestLab.start(LabConfig.standard().withStrategies(List.of(Strategy.REDIS, Strategy.JWT)));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    @AfterAll
    static void stop_lab() {
        http.close();
        testLab.close();
    }

    @Test
    void redis_keeps_both_of_two_different_settings_changed_at_once_on_two_nodes() throws Exception {
        String cookie = "sid=" + testLab.signedInAlice(Strategy.REDIS).jar().get("sid");
        for (int round = 0; round < ROUNDS; round++) {
            List<HttpResponse<String>> answers = atOnce(Strategy.REDIS, cookie,
                    "{\"theme\":\"t" + round + "\"}", "{\"language\":\"l" + round + "\"}");

            assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
            Map<String, String> settings = settings(Strategy.REDIS, cookie);
            assertThat(settings).as("round %d: no update lost", round)
                    .containsEntry("theme", "t" + round).containsEntry("language", "l" + round);
        }
    }

    @Test
    void redis_ends_with_one_of_two_values_written_to_the_same_setting_at_once() throws Exception {
        String cookie = "sid=" + testLab.signedInAlice(Strategy.REDIS).jar().get("sid");
        for (int round = 0; round < ROUNDS; round++) {
            List<HttpResponse<String>> answers = atOnce(Strategy.REDIS, cookie,
                    "{\"theme\":\"a" + round + "\"}", "{\"theme\":\"b" + round + "\"}");

            assertThat(answers).extracting(HttpResponse::statusCode).allMatch(s -> s == 200 || s == 409);
            Map<String, String> settings = settings(Strategy.REDIS, cookie);
            assertThat(settings.get("theme")).as("round %d: last write wins, never a mix", round)
                    .isIn("a" + round, "b" + round);
        }
    }

    @Test
    void jwt_gives_two_tokens_each_with_only_its_own_change_and_the_client_keeps_the_last_to_arrive() throws Exception {
        String original = testLab.signedInAlice(Strategy.JWT).jar().get("token");
        List<HttpResponse<String>> answers = atOnce(Strategy.JWT, "token=" + original,
                "{\"theme\":\"dark\"}", "{\"language\":\"fr\"}");

        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
        CookieJar browser = new CookieJar();
        browser.put("token", original);
        for (HttpResponse<String> answer : answers) {
            browser.accept(answer.headers().allValues("Set-Cookie"));
        }
        String first = tokenIn(answers.get(0));
        String second = tokenIn(answers.get(1));
        assertThat(settings(Strategy.JWT, "token=" + first)).isEqualTo(Map.of("theme", "dark"));
        assertThat(settings(Strategy.JWT, "token=" + second)).isEqualTo(Map.of("language", "fr"));
        assertThat(settings(Strategy.JWT, "token=" + browser.get("token")))
                .as("the browser kept the token that arrived last: one change is lost").isEqualTo(Map.of("language", "fr"));
    }

    /** Sends the two bodies as POST /settings at the same moment, the first straight to S1, the second to S2. */
    private static List<HttpResponse<String>> atOnce(Strategy strategy, String cookie, String toS1, String toS2) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> post(start, node(strategy, "S1"), cookie, toS1));
        CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> post(start, node(strategy, "S2"), cookie, toS2));
        start.countDown();
        List<HttpResponse<String>> answers = List.of(Waits.get(a, Duration.ofSeconds(60), "the POST to S1"),
                Waits.get(b, Duration.ofSeconds(60), "the POST to S2"));
        assertThat(answers.get(0).headers().firstValue("X-Served-By")).contains("S1");
        assertThat(answers.get(1).headers().firstValue("X-Served-By")).contains("S2");
        return answers;
    }

    private static HttpResponse<String> post(CountDownLatch start, URI node, String cookie, String body) {
        try {
            start.await();
            return http.send(HttpRequest.newBuilder(node.resolve("/settings")).header("Cookie", cookie)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The session's settings as the balancer's next node sees them; the session must still resolve. */
    private static Map<String, String> settings(Strategy strategy, String cookie) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(testLab.lb(strategy).resolve("/profile"))
                .header("Cookie", cookie).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("the session still resolves: %s", answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("user").asText()).isEqualTo("alice");
        return JSON.convertValue(body.get("settings"), JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
    }

    private static String tokenIn(HttpResponse<String> answer) {
        CookieJar jar = new CookieJar();
        jar.accept(answer.headers().allValues("Set-Cookie"));
        return jar.get("token");
    }

    private static URI node(Strategy strategy, String id) {
        return testLab.lab().cluster(strategy).nodes().stream().filter(n -> n.id().equals(id)).map(NodeView::url)
                .findFirst().orElseThrow();
    }
}
