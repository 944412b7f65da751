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
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabsPerTest;
import statelab.TestLab;
import statelab.lab.BalancerKinds;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;
import statelab.session.LoginThrottle;

/**
 * Guesses sent at the same moment (released together by a barrier) against the login throttle, in
 * both of its modes: each answer that checked a password (401 or 200) used one of the user name's
 * attempts, and no more than the limit may do so, however the guesses interleave.
 */
class LoginRaceIT {
    private static final int GUESSES = 20;
    @RegisterExtension
    final LabsPerTest labs = new LabsPerTest();
    private TestLab testLab;

    @Test
    void twenty_guesses_at_once_through_a_balancer_check_at_most_the_limit_of_passwords_with_counters_in_redis() throws Exception {
        testLab = labs.start(LabConfig.standard().withStrategies(List.of(Strategy.REDIS)));

        List<Integer> statuses = guessAtOnce(testLab.lb(Strategy.REDIS));

        assertThat(passwordsChecked(statuses)).isLessThanOrEqualTo(LoginThrottle.LIMIT);
        assertThat(statuses).isSubsetOf(401, 200, 429);
    }

    @Test
    void twenty_guesses_at_once_through_haproxy_check_at_most_the_limit_of_passwords() throws Exception {
        testLab = labs.start(LabConfig.standard().withStrategies(List.of(Strategy.REDIS)).withBalancer(BalancerKinds.HAPROXY));
        URI lb = testLab.lb(Strategy.REDIS);
        try (HttpClient http = HttpClient.newHttpClient()) {
            // Ready once HAProxy's first health checks have seen a node.
            await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(lb.resolve("/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        }

        List<Integer> statuses = guessAtOnce(lb);

        assertThat(passwordsChecked(statuses)).isLessThanOrEqualTo(LoginThrottle.LIMIT);
        assertThat(statuses).isSubsetOf(401, 200, 429);
    }

    @Test
    void twenty_guesses_at_once_at_one_node_check_at_most_the_limit_of_passwords_with_counters_in_the_node() throws Exception {
        testLab = labs.start(LabConfig.standard().withStrategies(List.of(Strategy.IN_MEMORY)).withSharedThrottle(false));
        URI node = testLab.lab().cluster(Strategy.IN_MEMORY).nodes().get(0).url();

        List<Integer> statuses = guessAtOnce(node);

        assertThat(passwordsChecked(statuses)).isLessThanOrEqualTo(LoginThrottle.LIMIT);
        assertThat(statuses).isSubsetOf(401, 200, 429);
    }

    /** Nineteen wrong passwords and the right one, all released by one barrier. */
    private static List<Integer> guessAtOnce(URI target) throws Exception {
        CyclicBarrier start = new CyclicBarrier(GUESSES);
        List<Callable<Integer>> guesses = new ArrayList<>();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < GUESSES; i++) {
                String body = i == GUESSES - 1 ? TestLab.ALICE_LOGIN : "{\"user\":\"alice\",\"password\":\"guess-" + i + "\"}";
                HttpRequest login = HttpRequest.newBuilder(target.resolve("/login")).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                guesses.add(() -> {
                    // Bounded: a guess that never reached the barrier fails the others instead of holding them.
                    start.await(60, TimeUnit.SECONDS);
                    return http.send(login, HttpResponse.BodyHandlers.discarding()).statusCode();
                });
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : threads.invokeAll(guesses)) {
                statuses.add(answer.get());
            }
            return statuses;
        }
    }

    private static long passwordsChecked(List<Integer> statuses) {
        return statuses.stream().filter(s -> s == 401 || s == 200).count();
    }
}
