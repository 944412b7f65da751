package statelab.lab;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.util.thread.ThreadPool;
import statelab.lb.Balancer;
import statelab.lb.BalancingPolicies;
import statelab.lb.LoadBalancer;
import statelab.lb.TlsEndpoint;
import statelab.lb.haproxy.HaproxyBalancer;

/**
 * The registry of balancers a cluster can sit behind, by the key {@code --balancer} takes. A third
 * balancer is its {@link Balancer} class and one line here.
 */
public final class BalancerKinds {
    /** Our own balancer, the default. */
    public static final String STATELAB = LoadBalancer.KIND;
    /** The system's HAProxy (Debian package {@code haproxy}). */
    public static final String HAPROXY = HaproxyBalancer.KIND;

    /** Makes a (not yet started) balancer for one cluster. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param kind the cluster's kind: its balancing policy and its cookies
         * @param tls  the balancer's TLS key store, or null for plain HTTP
         */
        Balancer create(ClusterKind kind, ThreadPool threadPool, TlsEndpoint tls);
    }

    private static final Map<String, Factory> ALL = new LinkedHashMap<>();

    static {
        ALL.put(STATELAB, (kind, pool, tls) -> new LoadBalancer(
                backends -> BalancingPolicies.create(kind.balancing(), backends, tls != null), 0, pool, tls));
        ALL.put(HaproxyBalancer.KIND, (kind, pool, tls) -> new HaproxyBalancer(kind.balancing(), tls));
    }

    private BalancerKinds() {
    }

    /** The factory for this key; empty when there is none. */
    public static Optional<Factory> byKey(String key) {
        return Optional.ofNullable(ALL.get(key));
    }

    /** The keys, comma-separated, for messages that list what is allowed. */
    public static String keys() {
        return String.join(", ", ALL.keySet());
    }
}
