package statelab.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabsPerTest;
import statelab.TestLab;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;
import statelab.session.FailureKind;
import statelab.session.LoginThrottle;

/** Sign-in abuse, cross-site requests and "log out everywhere", on real clusters. */
class AccountSecurityIT {
    private static final String WRONG = "{\"user\":\"alice\",\"password\":\"guess\"}";
    @RegisterExtension
    final LabsPerTest labs = new LabsPerTest();
    private TestLab testLab;

    @Test
    void with_counters_in_redis_three_nodes_allow_only_the_limit_of_guesses() throws Exception {
        testLab = labs.start();
        LabClient attacker = testLab.client(Strategy.IN_MEMORY);

        int allowed = guessesBeforeLockout(attacker);
        RequestResult rightPasswordNow = attacker.send("POST", "/login", TestLab.ALICE_LOGIN);

        assertThat(allowed).isEqualTo(LoginThrottle.LIMIT);
        assertThat(rightPasswordNow.status()).isEqualTo(429);
        assertThat(rightPasswordNow.kind()).isEqualTo(FailureKind.RATE_LIMITED.key());
    }

    @Test
    void with_counters_in_each_node_an_attacker_gets_the_limit_once_per_node() throws Exception {
        testLab = labs.start(LabConfig.standard().withSharedThrottle(false));

        int allowed = guessesBeforeLockout(testLab.client(Strategy.IN_MEMORY));

        assertThat(allowed).isEqualTo(LoginThrottle.LIMIT * 3);
    }

    @Test
    void a_lockout_for_one_name_leaves_other_users_signing_in() throws Exception {
        testLab = labs.start();
        guessesBeforeLockout(testLab.client(Strategy.REDIS));

        RequestResult bob = testLab.client(Strategy.REDIS).send("POST", "/login", TestLab.BOB_LOGIN);

        assertThat(bob.succeeded()).isTrue();
    }

    @Test
    void a_post_from_another_site_is_refused_and_one_from_this_site_is_not() throws Exception {
        testLab = labs.start();
        String lb = testLab.lb(Strategy.REDIS).toString();
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> crossSite = http.send(login(lb, "https://evil.example"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> sameSite = http.send(login(lb, lb), HttpResponse.BodyHandlers.ofString());

        NodeApiIT.assertProblem(crossSite, 403, "cross-site-request");
        assertThat(sameSite.statusCode()).isEqualTo(200);
    }

    @Test
    void logging_out_everywhere_ends_every_redis_session_of_the_user_only() throws Exception {
        testLab = labs.start();
        LabClient phone = testLab.signedInAlice(Strategy.REDIS);
        LabClient laptop = testLab.signedInAlice(Strategy.REDIS);
        LabClient bob = testLab.client(Strategy.REDIS);
        bob.send("POST", "/login", TestLab.BOB_LOGIN);

        RequestResult out = phone.send("POST", "/logout-everywhere", null);

        assertThat(out.wire().body()).containsEntry("everywhere", true);
        assertThat(laptop.send("GET", "/profile", null).kind()).isEqualTo(FailureKind.REVOKED.key());
        assertThat(bob.send("GET", "/profile", null).succeeded()).isTrue();
    }

    @Test
    void jwt_can_log_out_everywhere_only_with_its_deny_list_on() throws Exception {
        testLab = labs.start();
        LabClient phone = testLab.signedInAlice(Strategy.JWT);
        LabClient laptop = testLab.signedInAlice(Strategy.JWT);

        RequestResult without = phone.send("POST", "/logout-everywhere", null);
        boolean laptopStillIn = laptop.send("GET", "/profile", null).succeeded();
        testLab.lab().setJwtRevocation(true);
        RequestResult with = laptop.send("POST", "/logout-everywhere", null);
        LabClient tablet = testLab.signedInAlice(Strategy.JWT);

        assertThat(without.wire().body()).containsEntry("everywhere", false);
        assertThat(laptopStillIn).isTrue();
        assertThat(with.wire().body()).containsEntry("everywhere", true);
        assertThat(laptop.send("GET", "/profile", null).succeeded()).isFalse();
        assertThat(tablet.send("GET", "/profile", null).succeeded()).isTrue();
    }

    private static int guessesBeforeLockout(LabClient attacker) {
        for (int attempt = 1; attempt <= 50; attempt++) {
            RequestResult result = attacker.send("POST", "/login", WRONG);
            if (result.status() == 429) {
                assertThat(result.kind()).isEqualTo(FailureKind.RATE_LIMITED.key());
                return attempt - 1;
            }
            assertThat(result.kind()).isEqualTo(FailureKind.BAD_CREDENTIAL.key());
        }
        return Integer.MAX_VALUE;
    }

    private static HttpRequest login(String lb, String origin) {
        // Generous for a sign-in's hash on a busy machine; past it the lab is stuck, and the test fails instead of waiting on.
        return HttpRequest.newBuilder(java.net.URI.create(lb + "/login")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Origin", origin).POST(HttpRequest.BodyPublishers.ofString(TestLab.ALICE_LOGIN)).build();
    }
}
