package statelab.lab;

import java.time.Duration;

/**
 * A node was started but its cluster's balancer did not see it healthy in time: the start is a
 * failure (requests would not reach it), not a success.
 */
public final class NodeNotSeenException extends IllegalStateException {
    public NodeNotSeenException(String cluster, String nodeId, Duration waited) {
        super(nodeId + " started in the " + cluster + " cluster, but its balancer did not see it healthy within "
                + waited.toSeconds() + " s");
    }
}
