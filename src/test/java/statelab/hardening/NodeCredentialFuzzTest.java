package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The node's reading of credentials (NodeRequest: the {@code token} cookie, {@code Authorization:
 * Bearer}, duplicates of either) on a real jwt node, with any bytes as the Cookie and Authorization
 * values. Nothing a fuzzer makes is a valid token, so every answer is a 4xx problem, never a 5xx.
 */
class NodeCredentialFuzzTest {
    private static FuzzNode node;

    @BeforeAll
    static void start_node() throws Exception {
        node = FuzzNode.jwt();
    }

    @AfterAll
    static void stop_node() throws Exception {
        node.close();
    }

    /** Input: the Cookie value, then (after the first 0xFF byte, if any) Authorization values, one per CR. */
    @FuzzTest(maxDuration = "60s")
    void any_cookie_and_authorization_get_a_4xx_problem(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.ISO_8859_1).replace("\n", "");
        int split = text.indexOf('\u00ff');
        String cookie = split < 0 ? text : text.substring(0, split);
        List<String> headers = new ArrayList<>();
        headers.add("Cookie: " + cookie.replace("\r", ""));
        if (split >= 0) {
            for (String authorization : text.substring(split + 1).split("\r", -1)) {
                headers.add("Authorization: " + authorization);
            }
        }
        headers.add("Connection: close");

        RawHttp.Answer answer = RawHttp.exchange(node.uri(),
                RawHttp.request("GET", "/profile", node.uri(), headers, new byte[0]));

        assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
        HostileInputIT.assertNoLeak(answer.body());
        assertThat(answer.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }
}
