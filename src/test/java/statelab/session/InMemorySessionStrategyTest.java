package statelab.session;

import static org.assertj.core.api.Assertions.assertThat;
import static statelab.session.Resolutions.failureOf;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemorySessionStrategyTest extends SessionStrategyContract {
    private final MutableClock clock = new MutableClock();
    private final SessionPolicy policy = new SessionPolicy(Duration.ofMinutes(15), Duration.ofHours(8), clock);

    @Override
    protected SessionStrategy newNode() {
        return new InMemorySessionStrategy(policy);
    }

    @Override
    protected boolean sharedBetweenNodes() {
        return false;
    }

    @Test
    void a_session_idle_past_the_timeout_has_expired() {
        String credential = node1.create("alice");

        clock.advance(Duration.ofMinutes(15));

        assertThat(failureOf(node1.resolve(credential))).isEqualTo(FailureKind.EXPIRED);
        assertThat(node1.sessionsHeldLocally()).isZero();
    }

    @Test
    void each_request_slides_the_idle_timeout() {
        String credential = node1.create("alice");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(node1.resolve(credential)).isInstanceOf(Resolution.Found.class);
        }
    }

    @Test
    void the_absolute_timeout_ends_a_session_however_busy() {
        String credential = node1.create("alice");
        for (int i = 0; i < 47; i++) {
            clock.advance(Duration.ofMinutes(10));
            node1.resolve(credential);
        }
        clock.advance(Duration.ofMinutes(10));

        assertThat(failureOf(node1.resolve(credential))).isEqualTo(FailureKind.EXPIRED);
    }

    @Test
    void sessions_held_counts_this_nodes_memory() {
        node1.create("alice");
        node1.create("bob");

        assertThat(node1.sessionsHeldLocally()).isEqualTo(2);
        assertThat(node2.sessionsHeldLocally()).isZero();
    }
}
