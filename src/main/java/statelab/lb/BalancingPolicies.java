package statelab.lb;

import java.util.Map;
import java.util.function.BiFunction;

/**
 * The balancing policies by key, so a cluster names its policy ({@code round-robin},
 * {@code sticky-cookie}) and every balancer reads the same key. A new policy is one class and one
 * line here.
 */
public final class BalancingPolicies {
    public static final String ROUND_ROBIN = "round-robin";
    public static final String STICKY_COOKIE = "sticky-cookie";

    /** Makes a policy from the pool (sticky reads its cookie against it) and whether the balancer speaks HTTPS. */
    private static final Map<String, BiFunction<BackendPool, Boolean, BalancingPolicy>> POLICIES = Map.of(
            ROUND_ROBIN, (pool, secure) -> new RoundRobinPolicy(),
            STICKY_COOKIE, StickyCookiePolicy::new);

    private BalancingPolicies() {
    }

    /** The policy with this key; IllegalArgumentException for an unknown key. */
    public static BalancingPolicy create(String key, BackendPool pool, boolean secure) {
        var factory = POLICIES.get(key);
        if (factory == null) {
            throw new IllegalArgumentException("no balancing policy '" + key + "' (" + String.join(", ", POLICIES.keySet()) + ")");
        }
        return factory.apply(pool, secure);
    }
}
