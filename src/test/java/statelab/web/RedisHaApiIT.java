package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabFixture;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;

/** "Kill the Redis primary" through the page's API, on a lab with a replicated Redis (--redis-ha). */
class RedisHaApiIT {
    @RegisterExtension
    static final LabFixture testLab = LabFixture.of(LabConfig.standard().withStrategies(List.of(Strategy.REDIS, Strategy.JWT)).withRedisHa(true));
    private static ApiClient api;

    @BeforeAll
    static void start_a_lab_with_a_replicated_redis_and_its_page() throws Exception {
        WebServer web = testLab.own(WebServer.start(testLab.lab(), 0));
        api = testLab.own(new ApiClient(web.uri()));
    }

    @Test
    void killing_the_primary_moves_it_to_the_replica_and_start_redis_brings_the_lost_node_back() {
        JsonNode redis = api.get("api/state").json().get("redis");
        assertThat(redis.get("replicated").asBoolean()).isTrue();
        assertThat(redis.get("whole").asBoolean()).isTrue();
        String before = redis.get("primary").asText();

        ApiClient.Answer killed = api.post("api/lab/redis/kill-primary");

        assertThat(killed.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode now = api.get("api/state").json().get("redis");
            assertThat(now.get("running").asBoolean()).isTrue();
            assertThat(now.get("primary").asText()).isNotEqualTo(before);
            assertThat(now.get("whole").asBoolean()).isFalse();
        });
        assertThat(api.post("api/lab/redis/start").status()).isEqualTo(200);
        assertThat(api.get("api/state").json().get("redis").get("whole").asBoolean()).isTrue();
    }

    @Test
    void a_second_kill_while_no_primary_is_alive_is_a_conflict_not_an_error() {
        assertThat(api.post("api/lab/redis/kill-primary").status()).isEqualTo(200);
        // Sentinel needs a second to declare the primary down, so right after the kill there is no live primary.
        ApiClient.Answer again = api.post("api/lab/redis/kill-primary");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("kind").asText()).isEqualTo("redis-primary-down");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(api.get("api/state").json().get("redis").get("running").asBoolean()).isTrue());
        assertThat(api.post("api/lab/reset").status()).isEqualTo(200);
    }
}
