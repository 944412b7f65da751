package statelab.lb;

import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One upstream server as the load balancer sees it: a URI and whether it is believed healthy.
 * The balancer knows nothing else about it (not its name, not its strategy).
 */
public final class Backend {
    private final URI uri;
    private final String affinityToken;
    private volatile boolean healthy = true;
    private final AtomicLong forwarded = new AtomicLong();

    Backend(URI uri, String affinityToken) {
        this.uri = uri;
        this.affinityToken = affinityToken;
    }

    public URI uri() {
        return uri;
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
        boolean changed = healthy != value;
        healthy = value;
        return changed;
    }

    void countForwarded() {
        forwarded.incrementAndGet();
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
