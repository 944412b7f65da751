package statelab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import statelab.TestLab;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;

/**
 * The HTTPS mode: TLS at the balancers, Secure cookies with the __Host- prefix. These tests run with
 * our balancer; {@link HaproxyHttpsModeIT} runs them again with HAProxy terminating TLS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpsModeIT {
    TestLab testLab;

    /** The lab these tests run on: HTTPS with our balancer. */
    LabConfig config() {
        return LabConfig.standard().withHttps(true);
    }

    @BeforeAll
    void start_lab() throws Exception {
        testLab = TestLab.start(config());
    }

    @AfterAll
    void stop_lab() {
        if (testLab != null) {
            testLab.close();
        }
    }

    @Test
    void every_balancer_answers_https() {
        for (Cluster cluster : testLab.lab().clusters()) {
            assertThat(cluster.lbUri().getScheme()).isEqualTo("https");
        }
    }

    @Test
    void the_session_cookie_is_secure_with_the_host_prefix_and_still_works() {
        LabClient alice = testLab.client(Strategy.REDIS);

        RequestResult login = alice.send("POST", "/login", TestLab.ALICE_LOGIN);
        RequestResult profile = alice.send("GET", "/profile", null);

        assertThat(login.wire().setCookies()).singleElement().asString()
                .startsWith("__Host-sid=").contains("Secure").contains("HttpOnly").contains("SameSite=Lax")
                .contains("Path=/").doesNotContainIgnoringCase("domain");
        assertThat(profile.succeeded()).isTrue();
    }

    @Test
    void the_sticky_affinity_cookie_is_secure_too() {
        RequestResult login = testLab.client(Strategy.STICKY).send("POST", "/login", TestLab.ALICE_LOGIN);

        assertThat(login.wire().setCookies()).anySatisfy(c -> assertThat(c).startsWith("lb=").contains("Secure"));
    }

    @Test
    void a_jwt_travels_in_a_secure_host_cookie() {
        RequestResult login = testLab.client(Strategy.JWT).send("POST", "/login", TestLab.ALICE_LOGIN);

        assertThat(login.wire().setCookies()).singleElement().asString().startsWith("__Host-token=").contains("Secure");
    }

    @Test
    void plain_http_to_a_balancer_gets_no_session() throws Exception {
        URI https = testLab.lb(Strategy.REDIS);
        URI plain = URI.create("http://127.0.0.1:" + https.getPort() + "/login");
        HttpRequest request = HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestLab.ALICE_LOGIN)).build();

        boolean sessionHandedOut;
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            sessionHandedOut = answer.statusCode() < 400 || !answer.headers().allValues("Set-Cookie").isEmpty();
        } catch (HttpTimeoutException silence) {
            // Bounded so that silence fails here, as it would have hung before: the port must answer or refuse.
            throw new AssertionError("the TLS port neither answered nor refused plain HTTP within 60 s", silence);
        } catch (IOException notHttp) {
            // The TLS port does not speak plain HTTP at all: the exchange fails, which is also no session.
            sessionHandedOut = false;
        }

        assertThat(sessionHandedOut).isFalse();
    }
}
