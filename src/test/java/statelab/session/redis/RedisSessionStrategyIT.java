package statelab.session.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static statelab.session.Resolutions.failureOf;
import static statelab.session.Resolutions.sessionOf;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import statelab.TestLab;
import statelab.session.FailureKind;
import statelab.session.RequestTrace;
import statelab.session.SessionPolicy;
import statelab.session.SessionStoreUnavailableException;
import statelab.session.SessionStrategy;
import statelab.session.SessionStrategyContract;

/** The redis strategy against the lab's real Redis. */
class RedisSessionStrategyIT extends SessionStrategyContract {
    private static TestLab testLab;
    private static ClientResources resources;
    private final SessionPolicy policy = SessionPolicy.standard();

    @BeforeAll
    static void start_lab() throws Exception {
        testLab = TestLab.start();
        resources = DefaultClientResources.create();
    }

    @AfterAll
    static void stop_lab() {
        resources.shutdown();
        testLab.close();
    }

    @Override
    protected SessionStrategy newNode() {
        return new RedisSessionStrategy(new RedisLink(resources, testLab.lab().redis().url()), policy);
    }

    @Override
    protected boolean sharedBetweenNodes() {
        return true;
    }

    @Test
    void a_read_costs_exactly_one_redis_command() {
        String credential = node1.create("alice");

        RequestTrace.begin();
        node2.resolve(credential);

        assertThat(RequestTrace.commands()).containsExactly("GETEX");
    }

    @Test
    void several_settings_cost_one_redis_command() {
        String credential = node1.create("alice");
        // Once first, so the script is in Redis's cache and the measured change is its EVALSHA alone.
        node2.updateSettings(credential, Map.of("theme", "light"));

        RequestTrace.begin();
        var changed = node2.updateSettings(credential, Map.of("theme", "dark", "lang", "fr", "tz", "UTC"));

        assertThat(RequestTrace.commands()).containsExactly("EVALSHA");
        assertThat(sessionOf(changed).settings()).containsOnlyKeys("theme", "lang", "tz");
    }

    @Test
    void a_logout_makes_a_replay_fail_as_revoked_on_every_node() {
        String credential = node1.create("alice");

        node1.revoke(credential);

        assertThat(failureOf(node2.resolve(credential))).isEqualTo(FailureKind.REVOKED);
    }

    @Test
    void concurrent_changes_to_different_settings_are_all_kept() {
        String credential = node1.create("alice");
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String key = "s" + i;
            SessionStrategy node = i % 2 == 0 ? node1 : node2;
            writes.add(CompletableFuture.runAsync(() -> node.updateSettings(credential, Map.of(key, "v"))));
        }
        writes.forEach(write -> assertThat(write).succeedsWithin(Duration.ofSeconds(60)));

        assertThat(sessionOf(node1.resolve(credential)).settings()).hasSize(20);
    }

    @Test
    void an_unreachable_redis_is_a_store_failure_not_a_missing_session() {
        SessionStrategy nowhere = new RedisSessionStrategy(new RedisLink(resources, "redis://127.0.0.1:1"), policy);
        try {
            assertThatThrownBy(() -> nowhere.resolve(node1.create("alice")))
                    .isInstanceOf(SessionStoreUnavailableException.class);
        } finally {
            nowhere.close();
        }
    }
}
