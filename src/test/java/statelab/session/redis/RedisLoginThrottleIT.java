package statelab.session.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import statelab.TestLab;
import statelab.session.LocalLoginThrottle;
import statelab.session.LoginThrottle;
import statelab.session.SessionPolicy;

/**
 * The shared throttle against a real Redis that is slow (paused with {@code CLIENT PAUSE}) and one that
 * is not there at all: only the second may fall back to counting in the node.
 */
class RedisLoginThrottleIT {
    private static TestLab testLab;
    private static ClientResources resources;

    @BeforeAll
    static void start_lab() throws Exception {
        testLab = TestLab.start(statelab.lab.LabConfig.standard().withStrategies(List.of(statelab.lab.Strategy.REDIS)));
        resources = DefaultClientResources.create();
    }

    @AfterAll
    static void stop_lab() {
        testLab.close();
        resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void a_redis_too_slow_to_answer_refuses_the_attempt_rather_than_counting_it_in_the_node() {
        try (RedisLink link = new RedisLink(resources, testLab.lab().redis().url());
             RedisClient admin = RedisClient.create(resources, testLab.lab().redis().url());
             StatefulRedisConnection<String, String> pausing = admin.connect()) {
            RedisLoginThrottle throttle = new RedisLoginThrottle(link, new LocalLoginThrottle(SessionPolicy.standard()));
            throttle.reserve("warm-" + System.nanoTime()); // connected before the pause: the handshake would be paused too
            // Pauses every client for three times the link's command timeout, so the script cannot answer in time.
            pausing.sync().clientPause(RedisLink.TIMEOUT.multipliedBy(3).toMillis());

            Optional<Duration> wait = throttle.reserve("slow-" + System.nanoTime());

            assertThat(wait).contains(RedisLoginThrottle.SLOW_STORE_WAIT);
        }
    }

    @Test
    void a_redis_that_cannot_be_reached_falls_back_to_the_node_s_own_count() {
        try (RedisLink link = new RedisLink(resources, "redis://127.0.0.1:1")) {
            RedisLoginThrottle throttle = new RedisLoginThrottle(link, new LocalLoginThrottle(SessionPolicy.standard()));
            List<Optional<Duration>> answers = new ArrayList<>();
            for (int i = 0; i <= LoginThrottle.LIMIT; i++) {
                answers.add(throttle.reserve("gone"));
            }

            assertThat(answers.subList(0, LoginThrottle.LIMIT)).allMatch(Optional::isEmpty);
            assertThat(answers.get(LoginThrottle.LIMIT)).isPresent();
        }
    }
}
