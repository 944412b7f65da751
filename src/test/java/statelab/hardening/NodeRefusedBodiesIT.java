package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import statelab.TestLab;
import statelab.json.Json;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;

/**
 * Bodies a node refuses, sent whole and straight to the node (no balancer in front). A node that
 * closed with the client's bytes unread would be reset by the kernel, and the reset can overtake the
 * answer; the node reads the rest of a refused body first, so every attempt reads its answer in full.
 * Whether a reset overtakes an answer depends on timing, so the last two tests show the reading itself:
 * a refused body read to its end leaves the connection open for the next request, which Jetty would
 * otherwise close after the refusal with the body's bytes unread.
 */
class NodeRefusedBodiesIT {
    private static final int ATTEMPTS = 20;
    /** Past the node's limits and past what a node read and dropped before, but within what it drains now. */
    private static final int OVERSIZED = 1_536 * 1024;
    private static final byte[] PNG_START = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static TestLab testLab;
    private static URI node;

    @BeforeAll
    static void start_lab() throws Exception {
        testLab = TestLab.start(LabConfig.standard().withStrategies(List.of(Strategy.REDIS)));
        node = testLab.lab().cluster(Strategy.REDIS).nodes().get(0).url();
    }

    @AfterAll
    static void close_lab() {
        testLab.close();
    }

    @Test
    void a_json_body_over_the_node_limit_sent_whole_is_answered_413_in_full_every_time() {
        byte[] body = jsonOf(OVERSIZED);

        for (int i = 0; i < ATTEMPTS; i++) {
            RawHttp.Answer answer = RawHttp.exchange(node, Hostile.post("/login", node, "application/json", body));

            assertProblem(answer, i, 413, "too-large");
        }
    }

    @Test
    void an_avatar_over_the_limit_sent_whole_by_a_signed_in_user_is_answered_413_in_full_every_time() {
        String cookie = signedInCookie();
        byte[] body = pngOf(OVERSIZED);

        for (int i = 0; i < ATTEMPTS; i++) {
            RawHttp.Answer answer = RawHttp.exchange(node,
                    Hostile.post("/avatar?variant=local", node, "image/png", body, "Cookie: " + cookie));

            assertProblem(answer, i, 413, "too-large");
        }
    }

    @Test
    void an_avatar_sent_whole_before_signing_in_is_answered_401_in_full_every_time() {
        byte[] body = pngOf(1024 * 1024);

        for (int i = 0; i < ATTEMPTS; i++) {
            RawHttp.Answer answer = RawHttp.exchange(node, Hostile.post("/avatar?variant=local", node, "image/png", body));

            assertProblem(answer, i, 401, "not-recognised");
        }
    }

    @Test
    void a_body_sent_whole_with_a_method_the_path_does_not_take_is_answered_405_in_full_every_time() {
        byte[] body = jsonOf(512 * 1024);

        for (int i = 0; i < ATTEMPTS; i++) {
            RawHttp.Answer answer = RawHttp.exchange(node, Hostile.send("PUT", "/settings", node, "application/json", body));

            assertProblem(answer, i, 405, "method-not-allowed");
        }
    }

    @Test
    void a_refused_body_is_read_to_its_end_so_the_same_connection_answers_the_next_request() {
        byte[] body = jsonOf(OVERSIZED);
        byte[] refused = RawHttp.request("POST", "/login", node,
                List.of("Content-Type: application/json", "Content-Length: " + body.length), body);
        byte[] next = Hostile.get("/health", node);

        List<RawHttp.Answer> answers = RawHttp.exchange(node, concat(refused, next), 2);

        assertThat(answers.get(0).status()).as("%s", answers.get(0)).isEqualTo(413);
        assertThat(parse(answers.get(0).body()).path("kind").asText()).isEqualTo("too-large");
        assertThat(answers.get(1).status()).as("%s", answers.get(1)).isEqualTo(200);
    }

    @Test
    void an_avatar_refused_before_sign_in_is_read_to_its_end_so_the_same_connection_answers_the_next_request() {
        byte[] refused = RawHttp.request("POST", "/avatar?variant=local", node,
                List.of("Content-Type: image/png", "Content-Length: " + OVERSIZED), pngOf(OVERSIZED));
        byte[] next = Hostile.get("/health", node);

        List<RawHttp.Answer> answers = RawHttp.exchange(node, concat(refused, next), 2);

        assertThat(answers.get(0).status()).as("%s", answers.get(0)).isEqualTo(401);
        assertThat(answers.get(1).status()).as("%s", answers.get(1)).isEqualTo(200);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static void assertProblem(RawHttp.Answer answer, int attempt, int status, String kind) {
        assertThat(answer.status()).as("attempt %d: %s", attempt, answer).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as("attempt %d", attempt).contains("application/problem+json");
        JsonNode problem = parse(answer.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:statelab:problem:" + kind);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("kind").asText()).isEqualTo(kind);
        assertThat(problem.path("node").asText()).isEqualTo("S1");
        assertThat(answer.closedAfter()).as("the node closes the connection the client asked it to close").isTrue();
    }

    private static JsonNode parse(String body) {
        try {
            return Json.reader().readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("the answer's body is not JSON: " + body, e);
        }
    }

    /** The session cookie of alice, signed in on the node itself. */
    private static String signedInCookie() {
        RawHttp.Answer login = RawHttp.exchange(node, Hostile.post("/login", node, "application/json", Hostile.utf8(TestLab.ALICE_LOGIN)));
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        String setCookie = login.header("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private static byte[] jsonOf(int size) {
        return Hostile.utf8("{\"user\":\"" + "a".repeat(size) + "\"}");
    }

    private static byte[] pngOf(int size) {
        byte[] body = new byte[size];
        System.arraycopy(PNG_START, 0, body, 0, PNG_START.length);
        return body;
    }
}
