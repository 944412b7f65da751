package statelab.lb;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One upstream server as the load balancer sees it: a URI and whether it is believed healthy.
 * The balancer knows nothing else about it (not its name, not its strategy).
 */
public final class Backend {
    private final URI uri;
    private final String authority;
    private final String affinityToken;
    private volatile boolean healthy = true;
    private final AtomicLong forwarded = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean draining;
    private final AtomicLong downMarks = new AtomicLong();
    private volatile UpstreamPool upstreams;

    Backend(URI uri, String affinityToken) {
        this.uri = uri;
        // URI decodes its authority again on every call; a request without a Host line needs it, so it is kept.
        this.authority = uri.getAuthority();
        this.affinityToken = affinityToken;
    }

    public URI uri() {
        return uri;
    }

    /** The URI's {@code host:port}, the Host a request gets when the caller sent none. */
    String authority() {
        return authority;
    }

    /** The opaque value a sticky cookie holds for this backend. */
    String affinityToken() {
        return affinityToken;
    }

    public boolean healthy() {
        return healthy;
    }

    /** Sets the health; answers whether it changed. */
    boolean markHealthy(boolean value) {
        if (!value) {
            downMarks.incrementAndGet();
        }
        boolean changed = healthy != value;
        healthy = value;
        return changed;
    }

    /**
     * How many times this backend has been marked down. A health check remembers it when it is sent: a
     * good answer to a check sent before the latest mark-down says nothing about the server now (it
     * may have answered and then died), so it must not bring the backend back.
     */
    long downMarks() {
        return downMarks.get();
    }

    void countForwarded() {
        forwarded.incrementAndGet();
    }

    /** Whether the backend is being drained: it takes no new requests. */
    public boolean draining() {
        return draining;
    }

    void markDraining() {
        draining = true;
    }

    /** One more request on its way to this backend. */
    void enter() {
        inFlight.incrementAndGet();
    }

    /** One request to this backend finished; answers how many are still in flight. */
    int leave() {
        return inFlight.decrementAndGet();
    }

    int inFlight() {
        return inFlight.get();
    }

    /**
     * The balancer's connections to this backend, made by {@code factory} on first use. Kept here, not in a
     * map, so that a backend removed from the balancer takes its pool with it (idle connections time out).
     */
    UpstreamPool upstreams(java.util.function.Function<URI, UpstreamPool> factory) {
        UpstreamPool pool = upstreams;
        if (pool == null) {
            synchronized (this) {
                pool = upstreams;
                if (pool == null) {
                    pool = factory.apply(uri);
                    upstreams = pool;
                }
            }
        }
        return pool;
    }

    BackendStatus status() {
        return new BackendStatus(uri, healthy, draining, forwarded.get());
    }

    /** Requests the balancer sent to this backend (retries included). */
    public long forwarded() {
        return forwarded.get();
    }

    @Override
    public String toString() {
        return uri + (healthy ? " (up)" : " (down)");
    }
}
