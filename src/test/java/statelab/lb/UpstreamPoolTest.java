package statelab.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.util.Promise;
import org.junit.jupiter.api.Test;

/**
 * The pool's bookkeeping with a dialer that only records what it was asked to open, and connections on
 * Jetty's in-memory {@link ByteArrayEndPoint} (nothing is sent: the pool never touches the wire).
 */
class UpstreamPoolTest {
    private final List<Promise<UpstreamConnection>> dials = new ArrayList<>();
    private final UpstreamPool pool = new UpstreamPool(URI.create("http://127.0.0.1:1"), (p, promise) -> dials.add(promise), 2);

    @Test
    void it_opens_at_most_its_bound_and_the_next_request_waits_for_a_released_connection() {
        AtomicReference<UpstreamConnection> third = new AtomicReference<>();
        pool.acquire(Promise.noop());
        pool.acquire(Promise.noop());
        pool.acquire(Promise.from(third::set, failure -> { }));

        assertThat(dials).hasSize(2);
        assertThat(pool.open()).isEqualTo(2);
        assertThat(pool.waiting()).isEqualTo(1);

        UpstreamConnection released = connection();
        pool.release(released);

        assertThat(third.get()).isSameAs(released);
        assertThat(pool.waiting()).isZero();
        assertThat(pool.idle()).isZero();
    }

    @Test
    void idle_connections_are_reused_last_in_first_out() {
        pool.acquire(Promise.noop());
        pool.acquire(Promise.noop());
        UpstreamConnection older = connection();
        UpstreamConnection newer = connection();
        pool.release(older);
        pool.release(newer);
        AtomicReference<UpstreamConnection> got = new AtomicReference<>();

        pool.acquire(Promise.from(got::set, failure -> { }));

        assertThat(got.get()).isSameAs(newer);
        assertThat(pool.idle()).isEqualTo(1);
        assertThat(dials).hasSize(2);
    }

    @Test
    void a_closed_connection_leaves_the_pool_and_lets_a_waiting_request_open_another() {
        pool.acquire(Promise.noop());
        pool.acquire(Promise.noop());
        pool.acquire(Promise.noop());
        UpstreamConnection idle = connection();

        pool.closed(idle);

        assertThat(dials).hasSize(3);
        assertThat(pool.open()).isEqualTo(2);
        assertThat(pool.waiting()).isZero();
    }

    @Test
    void a_failed_dial_frees_its_place() {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        pool.acquire(Promise.from(c -> { }, failed::set));

        dials.getFirst().failed(new java.net.ConnectException("refused"));

        assertThat(failed.get()).isInstanceOf(java.net.ConnectException.class);
        assertThat(pool.open()).isZero();
    }

    @Test
    void past_the_waiting_bound_a_request_is_refused_at_once() {
        pool.acquire(Promise.noop());
        pool.acquire(Promise.noop());
        for (int i = 0; i < UpstreamPool.MAX_WAITING; i++) {
            pool.acquire(Promise.noop());
        }
        AtomicReference<Throwable> refused = new AtomicReference<>();

        pool.acquire(Promise.from(c -> { }, refused::set));

        assertThat(refused.get()).isInstanceOf(RejectedExecutionException.class);
        assertThat(pool.waiting()).isEqualTo(UpstreamPool.MAX_WAITING);
    }

    @Test
    void a_connection_idle_past_the_limit_is_closed_and_a_new_one_opened_instead() {
        AtomicLong now = new AtomicLong();
        UpstreamPool timed = timedPool(now);
        UpstreamConnection old = idleIn(timed);
        now.addAndGet(UpstreamPool.MAX_IDLE.toNanos());
        AtomicReference<UpstreamConnection> got = new AtomicReference<>();

        timed.acquire(Promise.from(got::set, failure -> { }));

        assertThat(old.getEndPoint().isOpen()).isFalse();
        assertThat(timed.idle()).isZero();
        assertThat(dials).hasSize(2);
        assertThat(got.get()).isNull();
    }

    @Test
    void a_connection_idle_less_than_the_limit_is_reused() {
        AtomicLong now = new AtomicLong();
        UpstreamPool timed = timedPool(now);
        UpstreamConnection kept = idleIn(timed);
        now.addAndGet(UpstreamPool.MAX_IDLE.toNanos() - 1);
        AtomicReference<UpstreamConnection> got = new AtomicReference<>();

        timed.acquire(Promise.from(got::set, failure -> { }));

        assertThat(got.get()).isSameAs(kept);
        assertThat(kept.getEndPoint().isOpen()).isTrue();
        assertThat(dials).hasSize(1);
    }

    @Test
    void a_request_sent_only_once_passes_over_an_idle_connection_the_node_has_closed() {
        UpstreamConnection closedByNode = idleClosedByNode();

        assertThat(handedOut(true)).isNull();
        assertThat(closedByNode.getEndPoint().isOpen()).isFalse();
        assertThat(pool.idle()).isZero();
        assertThat(dials).as("a new connection is opened for it instead").hasSize(2);
    }

    @Test
    void a_request_sent_only_once_takes_an_idle_connection_the_node_still_holds_open() {
        UpstreamConnection live = idleOn(new ByteArrayEndPoint());

        assertThat(handedOut(true)).isSameAs(live);
        assertThat(live.getEndPoint().isOpen()).isTrue();
    }

    @Test
    void a_get_takes_the_idle_connection_without_reading_it_first_since_it_may_be_sent_again() {
        UpstreamConnection closedByNode = idleClosedByNode();

        assertThat(handedOut(false)).as("no new connection is opened").isSameAs(closedByNode);
        assertThat(dials).hasSize(1);
    }

    /** What {@link #pool} hands a request at once (null when it has to open a connection first). */
    private UpstreamConnection handedOut(boolean sendOnce) {
        AtomicReference<UpstreamConnection> got = new AtomicReference<>();
        pool.acquire(Promise.from(got::set, failure -> { }), sendOnce);
        return got.get();
    }

    /** An idle connection whose node has closed it, a close no selector has read yet. */
    private UpstreamConnection idleClosedByNode() {
        ByteArrayEndPoint wire = new ByteArrayEndPoint();
        UpstreamConnection connection = idleOn(wire);
        wire.addInputEOF();
        return connection;
    }

    /** One connection of {@link #pool} on {@code wire}, dialled and handed back, so it sits idle. */
    private UpstreamConnection idleOn(ByteArrayEndPoint wire) {
        pool.acquire(Promise.noop());
        UpstreamConnection connection = new UpstreamConnection(wire, Runnable::run, new ArrayByteBufferPool(), pool);
        pool.release(connection);
        return connection;
    }

    /** A pool of two that reads idle ages from {@code now}. */
    private UpstreamPool timedPool(AtomicLong now) {
        return new UpstreamPool(URI.create("http://127.0.0.1:1"), (p, promise) -> dials.add(promise), 2, now::get);
    }

    /** One connection dialled for {@code owner} and handed back to it, so it sits idle from the clock's present. */
    private UpstreamConnection idleIn(UpstreamPool owner) {
        owner.acquire(Promise.noop());
        UpstreamConnection connection = connection(owner);
        owner.release(connection);
        return connection;
    }

    private UpstreamConnection connection(UpstreamPool owner) {
        return new UpstreamConnection(new ByteArrayEndPoint(), Runnable::run, new ArrayByteBufferPool(), owner);
    }

    private UpstreamConnection connection() {
        return new UpstreamConnection(new ByteArrayEndPoint(), Runnable::run, new ArrayByteBufferPool(), pool);
    }
}
