package statelab.lb;

import java.util.List;
import org.eclipse.jetty.server.Request;

/**
 * Picks the backend for one request among the healthy ones. A policy may ask the balancer to set
 * a cookie on the answer (sticky affinity).
 */
public interface BalancingPolicy {

    /** A pick, and the {@code Set-Cookie} value to send with the answer, if any. */
    record Choice(Backend backend, String setCookie) {
    }

    /**
     * The balancer asks only when there is a healthy backend (with none it answers {@code node-down}
     * itself), so a policy always has an answer.
     *
     * @param healthy the healthy backends, never empty, in the order they were added
     * @return the pick, one of {@code healthy}
     */
    Choice choose(Request request, List<Backend> healthy);

    /**
     * Where to send a request again after {@code failed} did not take it: by default the next healthy
     * backend after the failed one, in the order they were added (S1 failed: S2), so a retry does not
     * disturb the rotation of other requests.
     *
     * @param healthy the healthy backends, never empty, {@code failed} no longer among them
     */
    default Choice failover(Request request, Backend failed, List<Backend> all, List<Backend> healthy) {
        int from = all.indexOf(failed);
        for (int step = 1; step <= all.size(); step++) {
            Backend candidate = all.get(Math.floorMod(from + step, all.size()));
            if (healthy.contains(candidate)) {
                return new Choice(candidate, null);
            }
        }
        return new Choice(healthy.get(0), null);
    }

    /** Forgets what the policy learned (round-robin position), as a freshly started balancer would. */
    default void reset() {
    }

    /** The policy's key, such as {@code round-robin} or {@code sticky-cookie}. */
    String id();
}
