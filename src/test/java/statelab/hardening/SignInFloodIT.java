package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabsPerTest;
import statelab.TestLab;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;

/**
 * A flood of sign-ins on one cluster (each with a user name of its own, so no throttle stops it)
 * must not starve sign-in on another: each node checks passwords on its own short queue and refuses
 * what does not fit at once. While 64 clients keep flooding the in-memory cluster, bob's sign-in on
 * the redis cluster is asserted to succeed (with a client timeout of a minute: generous for one hash
 * on a busy machine, short of a queue that keeps 64 hashes in front of it). {@code PasswordChecksTest}
 * proves the isolation itself without any clock.
 */
class SignInFloodIT {
    private static final int FLOODERS = 64;
    @RegisterExtension
    final LabsPerTest labs = new LabsPerTest();
    private TestLab testLab;

    @Test
    void a_sign_in_flood_on_one_cluster_leaves_sign_in_on_another_answering() throws Exception {
        testLab = labs.start(LabConfig.standard().withStrategies(List.of(Strategy.IN_MEMORY, Strategy.REDIS)));
        URI flooded = testLab.lb(Strategy.IN_MEMORY);
        AtomicBoolean flooding = new AtomicBoolean(true);
        Queue<String> floodAnswers = new ConcurrentLinkedQueue<>();
        HttpResponse<String> bob;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
             ExecutorService flooders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < FLOODERS; i++) {
                String name = "flood-" + i;
                flooders.submit(() -> {
                    while (flooding.get()) {
                        floodAnswers.add(answer(http, login(flooded, "{\"user\":\"" + name + "\",\"password\":\"x\"}")));
                    }
                });
            }
            try {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> testLab.lab().cluster(Strategy.IN_MEMORY).balancer().stats().forwarded() >= 2 * FLOODERS);

                bob = http.send(login(testLab.lb(Strategy.REDIS), TestLab.BOB_LOGIN), HttpResponse.BodyHandlers.ofString());
            } finally {
                // Closing the executor waits for every flooder, and a flooder loops until told to stop: if the wait
                // or bob's sign-in failed, the flooders would otherwise keep going, and the build with them, forever.
                flooding.set(false);
            }
        }

        assertThat(bob.statusCode()).isEqualTo(200);
        assertThat(floodAnswers).isNotEmpty()
                .allMatch(a -> a.startsWith("401 ") || a.startsWith("503 1 ") && a.contains("\"kind\":\"sign-in-busy\""));
    }

    /** The status, then for a 503 its Retry-After, then the body. */
    private static String answer(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String retry = response.statusCode() == 503 ? response.headers().firstValue("Retry-After").orElse("-") + " " : "";
            return response.statusCode() + " " + retry + response.body();
        } catch (IOException e) {
            return "no answer: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static HttpRequest login(URI lb, String body) {
        return HttpRequest.newBuilder(lb.resolve("/login")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
