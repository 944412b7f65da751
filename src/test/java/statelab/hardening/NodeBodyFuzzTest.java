package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any bytes as the JSON body of {@code POST /login} and {@code POST /settings} (with a genuine session,
 * so the settings are really parsed and applied), sent to a real node: never a 5xx, and every refusal
 * is a problem body without a stack trace.
 */
class NodeBodyFuzzTest {
    private static FuzzNode node;
    private static HttpClient http;
    private static String session;

    @BeforeAll
    static void start_node() throws Exception {
        node = FuzzNode.inMemory();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        session = node.cookieName() + "=" + node.credentialForAlice();
    }

    @AfterAll
    static void stop_node() throws Exception {
        http.close();
        node.close();
    }

    @FuzzTest(maxDuration = "60s")
    void any_login_body_gets_an_answer_below_500(byte[] body) throws Exception {
        assertSane(post("/login", body, null));
    }

    @FuzzTest(maxDuration = "60s")
    void any_settings_body_gets_an_answer_below_500(byte[] body) throws Exception {
        assertSane(post("/settings", body, session));
    }

    private static HttpResponse<String> post(String path, byte[] body, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri().resolve(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertSane(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 499);
        HostileInputIT.assertNoLeak(answer.body());
        if (answer.statusCode() >= 400) {
            assertThat(answer.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(answer.body()).contains("\"kind\"");
        }
    }
}
