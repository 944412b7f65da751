package statelab.lb;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import org.eclipse.jetty.util.Promise;

/**
 * The keep-alive connections to one backend: at most {@link #MAX_CONNECTIONS} open or opening at once;
 * an idle one is reused last-in first-out (the most recently used is the likeliest to be warm, and the
 * rest can time out when load falls); when all are busy, up to {@link #MAX_WAITING} requests wait for
 * the next one released and any more are refused at once. A connection that closes, for whatever
 * reason, leaves the pool and makes room for a waiting request. One idle for {@link #MAX_IDLE} or longer
 * is closed when next found, not reused.
 */
final class UpstreamPool {
    /** As many as Jetty's client was allowed per backend before this pool. */
    static final int MAX_CONNECTIONS = 512;
    /** As many as Jetty's client queued per backend before refusing. */
    static final int MAX_WAITING = 1024;
    /**
     * Idle this long, a connection is closed instead of reused. Shorter than a node's own idle timeout
     * (Jetty's default, 30 s), so a request never goes out on a connection the node is closing at that very
     * moment: a GET would be resent, but a POST would be answered 502. HAProxy's {@code pool-purge-delay}
     * plays the same part.
     */
    static final Duration MAX_IDLE = Duration.ofSeconds(20);
    private static final long MAX_IDLE_NANOS = MAX_IDLE.toNanos();

    /** Opens a connection to a pool's backend; the promise gets it once it is connected, or the failure. */
    interface Dialer {
        void dial(UpstreamPool pool, Promise<UpstreamConnection> connected);
    }

    private final URI backend;
    private final Dialer dialer;
    private final int maxConnections;
    private final LongSupplier nanoClock;
    private final ArrayDeque<UpstreamConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Promise<UpstreamConnection>> waiting = new ArrayDeque<>();
    private int open;

    UpstreamPool(URI backend, Dialer dialer) {
        this(backend, dialer, MAX_CONNECTIONS);
    }

    UpstreamPool(URI backend, Dialer dialer, int maxConnections) {
        this(backend, dialer, maxConnections, System::nanoTime);
    }

    /** As above, with the clock idle ages are read from (a test's). */
    UpstreamPool(URI backend, Dialer dialer, int maxConnections, LongSupplier nanoClock) {
        this.backend = backend;
        this.dialer = dialer;
        this.maxConnections = maxConnections;
        this.nanoClock = nanoClock;
    }

    URI backend() {
        return backend;
    }

    /** As {@link #acquire(Promise, boolean)} for a request that may be sent again (a GET or HEAD). */
    void acquire(Promise<UpstreamConnection> promise) {
        acquire(promise, false);
    }

    /**
     * Hands {@code promise} an idle connection, a new one, or the next one released; fails it with a
     * {@link RejectedExecutionException} when {@link #MAX_WAITING} requests are already waiting, and with
     * the dial's failure when a new connection cannot be opened. With {@code sendOnce} (a request that
     * must not be sent twice) an idle connection is first read for a close by the node
     * ({@link UpstreamConnection#closedByNode}), and closed and passed over if it has one: the request then
     * goes out on a live connection, or finds the node refusing new ones, which proves it never arrived.
     * A GET or HEAD skips that read: if its connection turns out closed, it is simply sent again.
     */
    void acquire(Promise<UpstreamConnection> promise, boolean sendOnce) {
        UpstreamConnection connection;
        boolean dial = false;
        // Made only when a connection has expired: acquire is on every request's path.
        List<UpstreamConnection> expired = null;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            while ((connection = idle.pollFirst()) != null && now - connection.idleSince() >= MAX_IDLE_NANOS) {
                if (expired == null) {
                    expired = new ArrayList<>();
                }
                expired.add(connection);
            }
            if (connection == null) {
                if (open < maxConnections) {
                    open++;
                    dial = true;
                } else if (waiting.size() < MAX_WAITING) {
                    waiting.addLast(promise);
                    return;
                }
            }
        }
        // Each leaves the pool as any closed connection does (closed), which also frees its place.
        if (expired != null) {
            expired.forEach(UpstreamConnection::close);
        }
        if (connection != null && sendOnce && connection.closedByNode()) {
            connection.close(); // leaves the pool as any closed connection does
            acquire(promise, true);
        } else if (connection != null) {
            promise.succeeded(connection);
        } else if (dial) {
            dial(promise);
        } else {
            promise.failed(new RejectedExecutionException(MAX_WAITING + " requests already wait for a connection to " + backend));
        }
    }

    private void dial(Promise<UpstreamConnection> promise) {
        dialer.dial(this, new Promise<>() {
            @Override
            public void succeeded(UpstreamConnection connection) {
                promise.succeeded(connection);
            }

            @Override
            public void failed(Throwable failure) {
                synchronized (UpstreamPool.this) {
                    open--;
                }
                promise.failed(failure);
            }
        });
    }

    /** A connection whose exchange completed and that may carry another: to a waiting request, or idle. */
    void release(UpstreamConnection connection) {
        Promise<UpstreamConnection> next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                connection.idleFrom(nanoClock.getAsLong());
                idle.addFirst(connection);
                return;
            }
        }
        next.succeeded(connection);
    }

    /** A connection closed (by either side, idle or not): it leaves the pool, and a waiting request may open another. */
    void closed(UpstreamConnection connection) {
        Promise<UpstreamConnection> next;
        synchronized (this) {
            idle.remove(connection);
            open--;
            next = waiting.pollFirst();
            if (next != null) {
                open++;
            }
        }
        if (next != null) {
            dial(next);
        }
    }

    /** Closes every idle connection (each then leaves the pool as any closed one does): they are suspect once one was found stale. */
    void closeIdle() {
        java.util.List<UpstreamConnection> suspects;
        synchronized (this) {
            suspects = java.util.List.copyOf(idle);
            idle.clear();
        }
        suspects.forEach(UpstreamConnection::close);
    }

    synchronized int open() {
        return open;
    }

    synchronized int idle() {
        return idle.size();
    }

    synchronized int waiting() {
        return waiting.size();
    }

    @Override
    public String toString() {
        return backend.toString();
    }
}
