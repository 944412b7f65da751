package statelab.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class StickyCookiePolicyTest {
    private final BackendPool pool = new BackendPool();
    private final Backend s1 = pool.add(URI.create("http://127.0.0.1:1001"));
    private final Backend s2 = pool.add(URI.create("http://127.0.0.1:1002"));
    private final Backend s3 = pool.add(URI.create("http://127.0.0.1:1003"));
    private final StickyCookiePolicy policy = new StickyCookiePolicy(pool);

    @Test
    void a_new_client_is_placed_round_robin_and_pinned_with_a_cookie() {
        BalancingPolicy.Choice first = policy.chooseFor(null, List.of(s1, s2, s3));
        BalancingPolicy.Choice second = policy.chooseFor(null, List.of(s1, s2, s3));

        assertThat(first.backend()).isEqualTo(s1);
        assertThat(second.backend()).isEqualTo(s2);
        assertThat(first.setCookie()).startsWith("lb=").contains("HttpOnly").contains("SameSite=Lax").contains("Path=/");
    }

    @Test
    void a_pinned_client_keeps_its_node_and_gets_no_new_cookie() {
        String token = affinityOf(policy.chooseFor(null, List.of(s1, s2, s3)));

        for (int i = 0; i < 5; i++) {
            BalancingPolicy.Choice again = policy.chooseFor(token, List.of(s1, s2, s3));
            assertThat(again.backend()).isEqualTo(s1);
            assertThat(again.setCookie()).isNull();
        }
    }

    @Test
    void a_client_pinned_to_a_dead_node_is_re_pinned() {
        String token = affinityOf(policy.chooseFor(null, List.of(s1, s2, s3)));

        BalancingPolicy.Choice moved = policy.chooseFor(token, List.of(s2, s3));

        assertThat(moved.backend()).isIn(s2, s3);
        assertThat(moved.setCookie()).isNotNull();
        assertThat(policy.chooseFor(affinityOf(moved), List.of(s2, s3)).backend()).isEqualTo(moved.backend());
    }

    @Test
    void the_cookie_is_opaque_and_a_forged_one_is_ignored() {
        BalancingPolicy.Choice first = policy.chooseFor(null, List.of(s1, s2, s3));

        assertThat(first.setCookie()).doesNotContain("1001").doesNotContain("127.0.0.1");
        assertThat(policy.chooseFor("forged-value", List.of(s1, s2, s3)).setCookie()).isNotNull();
    }

    private static String affinityOf(BalancingPolicy.Choice choice) {
        return choice.setCookie().substring("lb=".length(), choice.setCookie().indexOf(';'));
    }
}
