package statelab.session.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bounded pool of blocking connections, with connections that only count their own closing. */
class ConnectionPoolTest {
    private static final Duration NO_WAIT = Duration.ofMillis(1);

    private static final class FakeConnection implements AutoCloseable {
        final int number;
        boolean closed;

        FakeConnection(int number) {
            this.number = number;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final AtomicInteger made = new AtomicInteger();
    private final List<FakeConnection> all = new ArrayList<>();
    private final ConnectionPool<FakeConnection> pool = new ConnectionPool<>(2, () -> {
        FakeConnection connection = new FakeConnection(made.incrementAndGet());
        all.add(connection);
        return connection;
    });

    @Test
    void a_connection_given_back_is_the_next_one_borrowed_and_none_is_made() {
        FakeConnection first = pool.borrow(NO_WAIT);
        pool.giveBack(first, false);

        assertThat(pool.borrow(NO_WAIT)).isSameAs(first);
        assertThat(made).hasValue(1);
    }

    @Test
    void the_newest_idle_connection_is_reused_first() {
        FakeConnection one = pool.borrow(NO_WAIT);
        FakeConnection two = pool.borrow(NO_WAIT);
        pool.giveBack(one, false);
        pool.giveBack(two, false);

        assertThat(pool.borrow(NO_WAIT)).isSameAs(two);
    }

    @Test
    void past_the_limit_a_borrower_is_told_the_pool_is_exhausted_and_no_connection_is_made() {
        pool.borrow(NO_WAIT);
        pool.borrow(NO_WAIT);

        assertThatThrownBy(() -> pool.borrow(NO_WAIT)).isInstanceOf(ConnectionPool.Exhausted.class)
                .hasMessageContaining("no connection came free");
        assertThat(made).hasValue(2);
    }

    @Test
    void a_broken_connection_is_closed_and_its_place_goes_to_a_fresh_one() {
        FakeConnection broken = pool.borrow(NO_WAIT);
        pool.giveBack(broken, true);

        FakeConnection next = pool.borrow(NO_WAIT);
        assertThat(broken.closed).isTrue();
        assertThat(next).isNotSameAs(broken);
        assertThat(next.number).isEqualTo(2);
        assertThat(pool.idleCount()).isZero();
    }

    @Test
    void a_failure_to_connect_reaches_the_borrower_and_frees_its_place() {
        ConnectionPool<FakeConnection> refusing = new ConnectionPool<>(1, () -> {
            throw new IllegalStateException("connection refused");
        });

        assertThatThrownBy(() -> refusing.borrow(NO_WAIT)).hasMessage("connection refused");
        // The place taken by the failed attempt is free again: the next borrower fails to connect, not to find room.
        assertThatThrownBy(() -> refusing.borrow(NO_WAIT)).hasMessage("connection refused");
    }

    @Test
    void closing_closes_idle_connections_at_once_and_borrowed_ones_as_they_come_back() {
        FakeConnection idle = pool.borrow(NO_WAIT);
        FakeConnection busy = pool.borrow(NO_WAIT);
        pool.giveBack(idle, false);

        pool.close();
        assertThat(idle.closed).isTrue();
        assertThat(busy.closed).isFalse();

        pool.giveBack(busy, false);
        assertThat(busy.closed).isTrue();
        assertThatThrownBy(() -> pool.borrow(NO_WAIT)).isInstanceOf(ConnectionPool.Closed.class);
    }

    @Test
    void a_pool_without_room_for_one_connection_is_refused() {
        assertThatThrownBy(() -> new ConnectionPool<>(0, () -> new FakeConnection(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
