package statelab.lb;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A load balancer in front of a cluster's nodes, whatever runs it (our own {@link LoadBalancer}, or
 * HAProxy). It knows its backends only as URIs and finds out about their health by its own checks.
 * The lab drives it only through this interface, so a third balancer is one more implementation.
 *
 * <p>Backends are kept in the order they were added; round-robin walks them in that order. Adding a
 * URI that is already present changes nothing; removing or draining one that is absent does nothing
 * (drain answers an already completed future).
 */
public interface Balancer extends AutoCloseable {

    /**
     * The largest request body any balancer of the lab forwards (the avatar upload's limit); a body
     * declared or found larger is refused with 413 {@code too-large} before any node sees it.
     */
    int MAX_BODY_BYTES = 1024 * 1024;

    /** Starts listening; the URI is known after this. */
    Balancer start() throws Exception;

    /** Where clients reach the balancer, such as {@code http://127.0.0.1:40123}. */
    URI uri();

    /** What runs it, in kebab-case: {@code statelab} or {@code haproxy}. */
    String kind();

    /** The balancing policy's key: {@code round-robin} or {@code sticky-cookie}. */
    String policyId();

    /** Adds a backend; it is believed healthy until a check or a refused connection says otherwise. */
    void addBackend(URI backend);

    /**
     * Stops sending new requests to the backend, lets the requests it is serving finish, then removes
     * it. The future completes once it is removed.
     */
    CompletableFuture<Void> drain(URI backend);

    /** Removes the backend at once; requests in flight to it are not waited for. */
    void removeBackend(URI backend);

    /** The backends in the order they were added, with what the balancer believes of each. */
    List<BackendStatus> backends();

    /** How many backends currently take new requests (healthy and not draining). */
    default int healthyCount() {
        return (int) backends().stream().filter(b -> b.healthy() && !b.draining()).count();
    }

    /** Whether the balancer believes this backend healthy; false when it has no such backend. */
    default boolean healthy(URI backend) {
        return backends().stream().anyMatch(b -> b.uri().equals(backend) && b.healthy());
    }

    /** Called with each health flip the balancer's own checks find; the listener must not block. */
    void onHealthChange(HealthListener listener);

    /**
     * Waits until the balancer believes the backend has the given health; answers false when that did
     * not happen within the timeout (or the backend is not there).
     */
    boolean awaitHealth(URI backend, boolean healthy, Duration timeout) throws InterruptedException;

    /** What the balancer counted since it started. */
    BalancerStats stats();

    /** Forgets what the policy learned: round-robin starts again at the first backend. */
    void resetPolicy();

    /** Stops the balancer; it does not stop the backends. */
    @Override
    void close();

    /** Told of a backend's health flip. */
    @FunctionalInterface
    interface HealthListener {
        void changed(URI backend, boolean healthy);
    }
}
