package statelab.lab;

import java.util.List;
import java.util.Optional;
import statelab.lb.BalancingPolicies;
import statelab.session.InMemorySessionStrategy;
import statelab.session.jwt.JwtSessionStrategy;
import statelab.session.redis.RedisSessionStrategy;

/**
 * The registry of cluster kinds: one line each, in the order the lesson shows them. Adding a way of
 * keeping sessions is its {@code SessionStrategy} class and one line in {@link #ALL}; the CLI, the
 * page's columns, the scenarios and the benchmarks pick it up from here.
 */
public final class ClusterKinds {
    public static final ClusterKind IN_MEMORY = new ClusterKind("in-memory", "In-memory sessions",
            "RAM of the node that handled the login", InMemorySessionStrategy.COOKIE, BalancingPolicies.ROUND_ROBIN, false,
            context -> new InMemorySessionStrategy(context.policy()));
    public static final ClusterKind STICKY = new ClusterKind("sticky", "Sticky sessions",
            "RAM of the pinned node", InMemorySessionStrategy.COOKIE, BalancingPolicies.STICKY_COOKIE, false,
            context -> new InMemorySessionStrategy(context.policy(), ClusterKinds.STICKY.key()));
    public static final ClusterKind REDIS = new ClusterKind("redis", "Redis sessions",
            "Redis, one key per session, with a TTL", InMemorySessionStrategy.COOKIE, BalancingPolicies.ROUND_ROBIN, true,
            context -> new RedisSessionStrategy(context.newRedisLink(), context.policy(), context.redisReplicasToWait()));
    public static final ClusterKind JWT = new ClusterKind("jwt", "JWT",
            "nowhere on the server: inside a signed token", JwtSessionStrategy.COOKIE, BalancingPolicies.ROUND_ROBIN, false,
            context -> new JwtSessionStrategy(context.tokenIssuer(), context.tokenVerifier(), context.policy(),
                    context.revocations()));

    private static final List<ClusterKind> ALL = List.of(IN_MEMORY, STICKY, REDIS, JWT);

    private ClusterKinds() {
    }

    /** Every kind, in display order. */
    public static List<ClusterKind> all() {
        return ALL;
    }

    /** The kind with this key; empty when there is none. */
    public static Optional<ClusterKind> byKey(String key) {
        return ALL.stream().filter(k -> k.key().equals(key)).findFirst();
    }

    /** The keys, comma-separated, for messages that list what is allowed. */
    public static String keys() {
        return String.join(", ", ALL.stream().map(ClusterKind::key).toList());
    }
}
