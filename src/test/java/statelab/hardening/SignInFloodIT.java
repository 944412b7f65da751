package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import statelab.TestLab;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;

/**
 * A flood of sign-ins on one cluster (each with a user name of its own, so no throttle stops it)
 * must not starve sign-in on another: each node checks passwords on its own short queue and refuses
 * what does not fit at once. The other cluster's sign-in is asserted to succeed (with a client timeout
 * of a minute: generous for one hash on a busy machine, short of what 300 hashes queued in front of it
 * cost there). {@code PasswordChecksTest} proves the isolation itself without any clock.
 */
class SignInFloodIT {
    private static final int FLOOD = 300;
    private TestLab testLab;

    @AfterEach
    void stop_lab() {
        if (testLab != null) {
            testLab.close();
        }
    }

    @Test
    void a_sign_in_flood_on_one_cluster_leaves_sign_in_on_another_answering() throws Exception {
        testLab = TestLab.start(LabConfig.standard().withStrategies(List.of(Strategy.IN_MEMORY, Strategy.REDIS)));
        URI flooded = testLab.lb(Strategy.IN_MEMORY);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
            for (int i = 0; i < FLOOD; i++) {
                flood.add(http.sendAsync(login(flooded, "{\"user\":\"flood-" + i + "\",\"password\":\"x\"}", 120),
                        HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> testLab.lab().cluster(Strategy.IN_MEMORY).balancer().stats().forwarded() >= FLOOD / 2);

            HttpResponse<String> bob = http.send(login(testLab.lb(Strategy.REDIS), TestLab.BOB_LOGIN, 60),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(bob.statusCode()).isEqualTo(200);
            for (CompletableFuture<HttpResponse<String>> answer : flood) {
                HttpResponse<String> refused = answer.get();
                assertThat(refused.statusCode()).as(refused.body()).isIn(401, 503);
                if (refused.statusCode() == 503) {
                    assertThat(refused.headers().firstValue("Retry-After")).contains("1");
                    assertThat(refused.body()).contains("\"kind\":\"sign-in-busy\"");
                }
            }
        }
    }

    private static HttpRequest login(URI lb, String body, int timeoutSeconds) {
        return HttpRequest.newBuilder(lb.resolve("/login")).timeout(Duration.ofSeconds(timeoutSeconds))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
