package statelab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;
import statelab.LabFixture;
import statelab.TestLab;
import statelab.scenario.FailoverDrill;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;
import statelab.session.FailureKind;

/**
 * A lab with a replicated Redis (primary, replica, three Sentinels): killing the primary under load
 * loses no session that was acknowledged before the kill, the redis nodes follow Sentinel to the new
 * primary, and the lost node comes back as a replica.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisFailoverIT {
    @RegisterExtension
    static final LabFixture lab = LabFixture.of(LabConfig.standard().withStrategies(List.of(Strategy.REDIS)).withRedisHa(true));

    @Test
    @Order(1)
    void the_lab_reaches_its_redis_through_sentinel() {
        assertThat(lab.lab().redis().url()).startsWith("redis-sentinel://127.0.0.1:").endsWith("#statelab");
        assertThat(lab.lab().redis().replicated()).isTrue();
        assertThat(lab.lab().redis().whole()).isTrue();
    }

    @Test
    @Order(2)
    void every_session_made_before_the_primary_is_killed_under_load_is_still_recognised() throws Exception {
        List<LabClient> earlier = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            earlier.add(lab.signedInAlice(Strategy.REDIS));
        }
        String before = lab.lab().redis().primaryAddress().orElseThrow();

        FailoverDrill.Figures figures = new FailoverDrill(lab.lab(), 8).run();

        assertThat(figures.killedPrimary()).isEqualTo(before);
        assertThat(figures.newPrimary()).isNotEqualTo(before);
        assertThat(figures.sessions()).isEqualTo(8);
        assertThat(figures.sessionsLost()).isZero();
        assertThat(figures.requests()).isGreaterThan(figures.failedRequests());
        for (LabClient client : earlier) {
            RequestResult profile = client.send("GET", "/profile", null);
            assertThat(profile.succeeded()).as(profile.summary()).isTrue();
        }
    }

    @Test
    @Order(3)
    void with_no_replica_left_a_sign_in_is_refused_rather_than_left_unprotected() {
        assertThat(lab.lab().redis().whole()).isFalse();
        RequestResult login = lab.client(Strategy.REDIS).send("POST", "/login", TestLab.ALICE_LOGIN);
        assertThat(login.succeeded()).isFalse();
        assertThat(login.kind()).isEqualTo(FailureKind.STORE_DOWN.key());
    }

    @Test
    @Order(4)
    void starting_redis_again_brings_the_lost_node_back_as_a_replica_and_sign_ins_return() {
        lab.lab().startRedis();
        assertThat(lab.lab().redis().whole()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(lab.client(Strategy.REDIS).send("POST", "/login", TestLab.ALICE_LOGIN).succeeded()).isTrue());
    }

    @Test
    @Order(5)
    void a_second_failover_goes_back_to_the_first_node_and_still_loses_nothing() throws Exception {
        LabClient earlier = lab.signedInAlice(Strategy.REDIS);
        String before = lab.lab().redis().primaryAddress().orElseThrow();
        lab.lab().killRedisPrimary();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(lab.lab().redis().primaryAddress()).isPresent().get().isNotEqualTo(before));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(earlier.send("GET", "/profile", null).succeeded()).isTrue());
    }
}
