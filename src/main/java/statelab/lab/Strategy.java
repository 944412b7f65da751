package statelab.lab;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A handle on one {@link ClusterKind}, kept so callers can go on writing {@code Strategy.JWT} and
 * {@code cluster.strategy().key()}. It holds no knowledge of its own: every answer comes from the
 * kind in {@link ClusterKinds}. There is exactly one handle per kind, so {@code ==} compares them.
 */
public final class Strategy {
    private static final Map<ClusterKind, Strategy> HANDLES = new ConcurrentHashMap<>();

    public static final Strategy IN_MEMORY = of(ClusterKinds.IN_MEMORY);
    public static final Strategy STICKY = of(ClusterKinds.STICKY);
    public static final Strategy REDIS = of(ClusterKinds.REDIS);
    public static final Strategy JWT = of(ClusterKinds.JWT);

    private final ClusterKind kind;

    private Strategy(ClusterKind kind) {
        this.kind = kind;
    }

    /** The one handle on this kind. */
    public static Strategy of(ClusterKind kind) {
        return HANDLES.computeIfAbsent(kind, Strategy::new);
    }

    /** Every registered kind's handle, in display order. */
    public static List<Strategy> values() {
        return ClusterKinds.all().stream().map(Strategy::of).toList();
    }

    /** The handle of the kind with this key; empty when no kind has it. */
    public static Optional<Strategy> fromKey(String key) {
        return ClusterKinds.byKey(key).map(Strategy::of);
    }

    public ClusterKind kind() {
        return kind;
    }

    public String key() {
        return kind.key();
    }

    public String title() {
        return kind.title();
    }

    /** The balancing policy's key: {@code round-robin} or {@code sticky-cookie}. */
    public String balancing() {
        return kind.balancing();
    }

    /** Where the session lives, in a few words. */
    public String sessionHome() {
        return kind.sessionHome();
    }

    /** The cookie that carries a client's credential in this cluster. */
    public String credentialCookie() {
        return kind.credentialCookie();
    }

    public boolean usesRedis() {
        return kind.usesRedis();
    }

    @Override
    public String toString() {
        return kind.key();
    }
}
