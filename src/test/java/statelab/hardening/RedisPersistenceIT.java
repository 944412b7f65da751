package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import statelab.TestLab;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;
import statelab.session.FailureKind;

/**
 * Whether sessions outlive a Redis restart is Redis's configuration, not the app's: with an
 * append-only file they come back; without one (the lab's default) they are gone.
 */
class RedisPersistenceIT {

    @Test
    void with_persistence_a_session_survives_a_redis_restart() throws Exception {
        RequestResult after = profileAfterRedisRestart(true);

        assertThat(after.succeeded()).as(after.summary()).isTrue();
        assertThat(after.wire().body()).containsEntry("user", "alice");
        assertThat(after.wire().body().get("settings")).isEqualTo(java.util.Map.of("theme", "dark"));
    }

    @Test
    void without_persistence_the_session_is_gone_after_a_redis_restart() throws Exception {
        RequestResult after = profileAfterRedisRestart(false);

        assertThat(after.succeeded()).as(after.summary()).isFalse();
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.kind()).isEqualTo(FailureKind.NOT_RECOGNISED.key());
    }

    /** Alice signs in and changes a setting; Redis stops and starts; her next page, once Redis answers. */
    private static RequestResult profileAfterRedisRestart(boolean persistent) throws Exception {
        LabConfig config = LabConfig.standard().withStrategies(List.of(Strategy.REDIS)).withRedisPersistence(persistent);
        try (TestLab testLab = TestLab.start(config)) {
            LabClient alice = testLab.signedInAlice(Strategy.REDIS);
            assertThat(alice.send("POST", "/settings", "{\"theme\":\"dark\"}").succeeded()).isTrue();

            testLab.lab().stopRedis();
            assertThat(alice.send("GET", "/profile", null).kind()).isEqualTo(FailureKind.STORE_DOWN.key());
            testLab.lab().startRedis();

            RequestResult[] last = new RequestResult[1];
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !(last[0] = alice.send("GET", "/profile", null)).failedWith(FailureKind.STORE_DOWN));
            return last[0];
        }
    }
}
