package statelab.session.redis;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A bounded pool of connections for calls made on the caller's own thread: at most {@code max}
 * connections exist at once, idle ones are reused newest first (so a lightly used pool keeps using one
 * warm connection), and a connection given back as broken is closed rather than reused, so the next
 * borrower connects afresh. It replaced Jedis's own pool (Apache Commons Pool), whose borrow and return
 * (time stamps, statistics, a locked deque) cost 20 to 30 us a request on an idle node, a third of the
 * round trip it wrapped (docs/BENCHMARKS.md, "Node threads").
 *
 * <p>Contract: {@link #borrow} waits at most the given time for a free place and answers
 * {@link Exhausted} after it, or {@link Closed} once the pool is closed; whatever {@code connect}
 * throws reaches the borrower and frees the place it took. Every borrowed connection must come back
 * through {@link #giveBack} exactly once. {@link #close} closes the idle connections at once and each
 * borrowed one as it comes back.
 */
final class ConnectionPool<C extends AutoCloseable> implements AutoCloseable {
    private final Semaphore places;
    private final ConcurrentLinkedDeque<C> idle = new ConcurrentLinkedDeque<>();
    private final Supplier<C> connect;
    private volatile boolean closed;

    ConnectionPool(int max, Supplier<C> connect) {
        if (max < 1) {
            throw new IllegalArgumentException("a pool holds at least one connection, not " + max);
        }
        this.places = new Semaphore(max);
        this.connect = connect;
    }

    /** No place came free within the wait. */
    static final class Exhausted extends RuntimeException {
        Exhausted(Duration wait) {
            super("no connection came free within " + wait.toMillis() + " ms");
        }
    }

    /** The pool was closed. */
    static final class Closed extends RuntimeException {
        Closed() {
            super("the pool is closed");
        }
    }

    C borrow(Duration wait) {
        if (closed) {
            throw new Closed();
        }
        try {
            if (!places.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new Exhausted(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Exhausted(wait);
        }
        C connection = idle.pollFirst();
        if (connection != null) {
            return connection;
        }
        try {
            return connect.get();
        } catch (RuntimeException | Error e) {
            places.release();
            throw e;
        }
    }

    void giveBack(C connection, boolean broken) {
        try {
            if (broken || closed) {
                quietlyClose(connection);
            } else {
                idle.offerFirst(connection);
                if (closed) {
                    // Closed between the check and the offer: close() may already have drained the deque.
                    drain();
                }
            }
        } finally {
            places.release();
        }
    }

    /** Idle connections waiting to be borrowed. */
    int idleCount() {
        return idle.size();
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        for (C connection; (connection = idle.pollFirst()) != null; ) {
            quietlyClose(connection);
        }
    }

    private static void quietlyClose(AutoCloseable connection) {
        try {
            connection.close();
        } catch (Exception e) {
            // A connection that cannot even close is gone either way.
        }
    }
}
