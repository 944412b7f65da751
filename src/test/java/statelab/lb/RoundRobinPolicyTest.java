package statelab.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRobinPolicyTest {
    private final BackendPool pool = new BackendPool();
    private final Backend s1 = pool.add(URI.create("http://127.0.0.1:1001"));
    private final Backend s2 = pool.add(URI.create("http://127.0.0.1:1002"));
    private final Backend s3 = pool.add(URI.create("http://127.0.0.1:1003"));
    private final RoundRobinPolicy policy = new RoundRobinPolicy();

    @Test
    void one_client_walks_the_nodes_in_order() {
        assertThat(picks(7, List.of(s1, s2, s3))).containsExactly(s1, s2, s3, s1, s2, s3, s1);
    }

    @Test
    void a_node_that_drops_out_is_skipped_by_the_same_counter() {
        picks(4, List.of(s1, s2, s3));

        assertThat(picks(4, List.of(s2, s3))).containsExactly(s2, s3, s2, s3);
    }

    @Test
    void a_reset_starts_again_at_the_first_node() {
        picks(2, List.of(s1, s2, s3));

        policy.reset();

        assertThat(picks(1, List.of(s1, s2, s3))).containsExactly(s1);
    }

    @Test
    void a_failed_node_hands_its_request_to_the_next_healthy_one() {
        BalancingPolicy.Choice retry = policy.failover(null, s1, pool.all(), List.of(s2, s3));
        BalancingPolicy.Choice wrapped = policy.failover(null, s3, pool.all(), List.of(s1, s2));

        assertThat(retry.backend()).isEqualTo(s2);
        assertThat(wrapped.backend()).isEqualTo(s1);
        assertThat(retry.setCookie()).isNull();
    }

    private List<Backend> picks(int count, List<Backend> healthy) {
        List<Backend> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(policy.choose(null, healthy).backend());
        }
        return picked;
    }
}
