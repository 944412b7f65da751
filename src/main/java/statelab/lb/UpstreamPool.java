package statelab.lb;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.util.Promise;

/**
 * The keep-alive connections to one backend: at most {@link #MAX_CONNECTIONS} open or opening at once;
 * an idle one is reused last-in first-out (the most recently used is the likeliest to be warm, and the
 * rest can time out when load falls); when all are busy, up to {@link #MAX_WAITING} requests wait for
 * the next one released and any more are refused at once. A connection that closes, for whatever
 * reason, leaves the pool and makes room for a waiting request.
 */
final class UpstreamPool {
    /** As many as Jetty's client was allowed per backend before this pool. */
    static final int MAX_CONNECTIONS = 512;
    /** As many as Jetty's client queued per backend before refusing. */
    static final int MAX_WAITING = 1024;

    /** Opens a connection to a pool's backend; the promise gets it once it is connected, or the failure. */
    interface Dialer {
        void dial(UpstreamPool pool, Promise<UpstreamConnection> connected);
    }

    private final URI backend;
    private final Dialer dialer;
    private final int maxConnections;
    private final ArrayDeque<UpstreamConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Promise<UpstreamConnection>> waiting = new ArrayDeque<>();
    private int open;

    UpstreamPool(URI backend, Dialer dialer) {
        this(backend, dialer, MAX_CONNECTIONS);
    }

    UpstreamPool(URI backend, Dialer dialer, int maxConnections) {
        this.backend = backend;
        this.dialer = dialer;
        this.maxConnections = maxConnections;
    }

    URI backend() {
        return backend;
    }

    /**
     * Hands {@code promise} an idle connection, a new one, or the next one released; fails it with a
     * {@link RejectedExecutionException} when {@link #MAX_WAITING} requests are already waiting, and with
     * the dial's failure when a new connection cannot be opened.
     */
    void acquire(Promise<UpstreamConnection> promise) {
        UpstreamConnection connection;
        boolean dial = false;
        synchronized (this) {
            connection = idle.pollFirst();
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
        if (connection != null) {
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
