package statelab.web;

import java.time.Duration;
import statelab.lab.Cluster;
import statelab.lab.NodeView;

/**
 * Waits until a cluster's balancer believes every running node healthy. Right after a start or a
 * reset, and on a busy machine where one health check times out, a balancer can count a running
 * node out for a moment; a request sent then skips that node, which would show the learner a
 * health-check hiccup instead of the session behaviour the step is about. A node that is really
 * down is not waited for.
 */
final class HealthyView {
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private HealthyView() {
    }

    /** Waits at most {@link #TIMEOUT} in all; a node still counted out after that is left to the balancer. */
    static void await(Cluster cluster) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (NodeView node : cluster.nodes()) {
            long left = deadline - System.nanoTime();
            if (node.up() && left > 0) {
                cluster.balancer().awaitHealth(node.url(), true, Duration.ofNanos(left));
            }
        }
    }
}
