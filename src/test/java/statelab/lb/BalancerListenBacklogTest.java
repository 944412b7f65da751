package statelab.lb;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import statelab.ListenBacklog;

class BalancerListenBacklogTest {
    private final QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    private LoadBalancer balancer;

    @AfterEach
    void stop() throws Exception {
        if (balancer != null) {
            balancer.close();
        }
        threads.stop();
    }

    @Test
    void two_hundred_clients_connecting_at_once_are_all_held_while_the_balancer_is_busy() throws Exception {
        threads.start();
        balancer = new LoadBalancer(pool -> new RoundRobinPolicy(), 0, threads).start();

        // Java's default backlog of 50 held 51 here; the rest waited a second for the kernel's SYN retry.
        assertThat(ListenBacklog.heldWhileNotAccepting(balancer.connector(), 200, 500)).isEqualTo(200);
    }
}
