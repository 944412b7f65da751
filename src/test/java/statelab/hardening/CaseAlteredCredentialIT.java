package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import statelab.TestLab;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;

/**
 * A credential is compared byte for byte, on every server, on every request of a keep-alive
 * connection. Jetty's per-connection cache of header lines matches case-insensitively unless told
 * otherwise, and then hands back the line it saw before: a cookie that differs from the last one on
 * the connection only in the case of its letters (a tampered token, a guessed id) was read as the
 * genuine one, and answered 200.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseAlteredCredentialIT {
    private TestLab testLab;

    @BeforeAll
    void start_a_lab() throws Exception {
        testLab = TestLab.start();
    }

    @AfterAll
    void stop_it() {
        testLab.close();
    }

    @Test
    void a_session_id_with_one_letter_in_another_case_is_not_the_session_through_the_balancer_or_on_a_node() {
        for (Map.Entry<String, URI> target : targets(Strategy.REDIS).entrySet()) {
            assertSecondIsRefused(target.getKey(), target.getValue(), signedInCookie(Strategy.REDIS));
        }
    }

    @Test
    void a_token_with_one_letter_in_another_case_is_refused_through_the_balancer_and_on_a_node() {
        for (Map.Entry<String, URI> target : targets(Strategy.JWT).entrySet()) {
            assertSecondIsRefused(target.getKey(), target.getValue(), signedInCookie(Strategy.JWT));
        }
    }

    private Map<String, URI> targets(Strategy strategy) {
        return Map.of("balancer", testLab.lb(strategy), "node S1", testLab.lab().cluster(strategy).nodes().get(0).url());
    }

    private String signedInCookie(Strategy strategy) {
        LabClient alice = testLab.signedInAlice(strategy);
        return alice.jar().header();
    }

    /** The genuine cookie, then the same with one letter's case flipped, back to back on one connection. */
    private static void assertSecondIsRefused(String where, URI target, String cookies) {
        String altered = flipCaseOfOneLetter(cookies);
        byte[] genuine = RawHttp.request("GET", "/profile", target, List.of("Cookie: " + cookies), new byte[0]);
        byte[] tampered = RawHttp.request("GET", "/profile", target, List.of("Cookie: " + altered), new byte[0]);
        byte[] both = new byte[genuine.length + tampered.length];
        System.arraycopy(genuine, 0, both, 0, genuine.length);
        System.arraycopy(tampered, 0, both, genuine.length, tampered.length);

        List<RawHttp.Answer> answers = RawHttp.exchange(target, both, 2);

        assertThat(answers.get(0).status()).as(where + ", genuine: " + answers.get(0)).isEqualTo(200);
        assertThat(answers.get(1).status()).as(where + ", one letter's case flipped (" + altered + "): " + answers.get(1)).isEqualTo(401);
    }

    /** The last letter of the cookie header (inside the credential's value) in the other case. */
    private static String flipCaseOfOneLetter(String cookies) {
        for (int i = cookies.length() - 1; i > cookies.indexOf('='); i--) {
            char c = cookies.charAt(i);
            if (Character.isLetter(c)) {
                char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                return cookies.substring(0, i) + flipped + cookies.substring(i + 1);
            }
        }
        throw new IllegalArgumentException("no letter to flip in " + cookies);
    }
}
