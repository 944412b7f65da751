package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabFixture;
import statelab.TestLab;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;
import statelab.session.FailureKind;
import statelab.session.SessionIds;

/**
 * Redis stops. The redis cluster cannot tell who anyone is, and says so: 503 {@code store-down} with
 * {@code Retry-After}, at once, never 401 and never a guess that lets someone in; the jwt cluster does
 * not need Redis and keeps serving. Redis starts again (without persistence, so empty): the redis
 * cluster recovers without a node restart, a new login works, and the old session is gone.
 */
class RedisOutageIT {
    @RegisterExtension
    final LabFixture testLab = LabFixture.of(LabConfig.standard().withStrategies(List.of(Strategy.REDIS, Strategy.JWT)));

    @BeforeEach
    void wait_until_every_balancer_sees_its_nodes_healthy() {
        testLab.awaitBalancersHealthy();
    }

    @Test
    void with_redis_down_the_redis_cluster_answers_503_store_down_at_once_and_jwt_keeps_serving() throws Exception {
        LabClient redisAlice = testLab.signedInAlice(Strategy.REDIS);
        LabClient jwtAlice = testLab.signedInAlice(Strategy.JWT);
        LabClient stranger = testLab.client(Strategy.REDIS);
        stranger.jar().put("sid", SessionIds.next());

        testLab.lab().stopRedis();
        long stopped = System.nanoTime();
        RequestResult first = redisAlice.send("GET", "/profile", null);
        long millisTo503 = (System.nanoTime() - stopped) / 1_000_000;

        System.out.println("RedisOutageIT: first answer after Redis stopped: " + first.status() + " "
                + first.summary() + " in " + millisTo503 + " ms");
        assertStoreDown(first);
        assertThat(first.wire().body()).containsEntry("type", "urn:statelab:problem:store-down");
        assertThat(retryAfter(redisAlice)).as("Retry-After").hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        for (int i = 0; i < 6; i++) {
            assertStoreDown(redisAlice.send("GET", "/profile", null));
            assertStoreDown(redisAlice.send("POST", "/settings", "{\"theme\":\"dark\"}"));
            assertStoreDown(stranger.send("GET", "/dashboard", null));
        }
        RequestResult login = testLab.client(Strategy.REDIS).send("POST", "/login", TestLab.BOB_LOGIN);
        assertThat(login.succeeded()).as("no login without the store: %s", login.summary()).isFalse();
        assertThat(login.status()).isEqualTo(503);
        for (int i = 0; i < 3; i++) {
            assertThat(jwtAlice.send("GET", "/profile", null).succeeded()).as("jwt needs no Redis").isTrue();
            assertThat(jwtAlice.send("POST", "/settings", "{\"theme\":\"dark\"}").succeeded()).isTrue();
        }
    }

    @Test
    void after_redis_restarts_the_cluster_recovers_without_a_node_restart_and_the_old_session_is_gone() {
        LabClient alice = testLab.signedInAlice(Strategy.REDIS);
        testLab.lab().stopRedis();
        assertStoreDown(alice.send("GET", "/profile", null));

        testLab.lab().startRedis();
        long started = System.nanoTime();
        LabClient probe = testLab.client(Strategy.REDIS);
        probe.jar().put("sid", SessionIds.next());
        // Each node reconnects on its own: the cluster is back when a full round (one request per node) passes.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> java.util.stream.IntStream.range(0, 3)
                        .allMatch(i -> probe.send("GET", "/profile", null).status() != 503));
        long millisToRecover = (System.nanoTime() - started) / 1_000_000;
        System.out.println("RedisOutageIT: the redis cluster answered again " + millisToRecover + " ms after Redis started");

        RequestResult old = alice.send("GET", "/profile", null);
        assertThat(old.succeeded()).as("Redis kept nothing: %s", old.summary()).isFalse();
        assertThat(old.kind()).isEqualTo(FailureKind.NOT_RECOGNISED.key());
        LabClient again = testLab.client(Strategy.REDIS);
        assertThat(again.send("POST", "/login", TestLab.ALICE_LOGIN).succeeded()).isTrue();
        for (int i = 0; i < 3; i++) {
            assertThat(again.send("GET", "/profile", null).succeeded()).as("a new session on every node").isTrue();
        }
    }

    /** 503 store-down, answered well within the client's 10 s timeout (status 0 = none). */
    private static void assertStoreDown(RequestResult result) {
        assertThat(result.status()).as(result.summary()).isEqualTo(503);
        assertThat(result.kind()).isEqualTo(FailureKind.STORE_DOWN.key());
        assertThat(result.succeeded()).isFalse();
        assertThat(result.node()).as("a node answered, not the balancer").isNotNull();
    }

    /** The Retry-After header of the answer to the client's next request, read with a plain HTTP client. */
    private static java.util.Optional<String> retryAfter(LabClient client) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(client.target().resolve("/profile"))
                    .header("Cookie", client.jar().header()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(503);
            return answer.headers().firstValue("Retry-After");
        }
    }
}
