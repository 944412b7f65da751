package statelab.lb;

import java.util.concurrent.atomic.LongAdder;

/** What a balancer counted since it started: requests forwarded, retries, and node-down answers. */
public final class LoadBalancerStats implements BalancerStats {
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder nodeDown = new LongAdder();
    private final LongAdder backendConnections = new LongAdder();

    void countForwarded() {
        forwarded.increment();
    }

    void countRetry() {
        retries.increment();
    }

    void countNodeDown() {
        nodeDown.increment();
    }

    void countBackendConnection() {
        backendConnections.increment();
    }

    /** Requests sent upstream, retries included. */
    @Override
    public long forwarded() {
        return forwarded.sum();
    }

    @Override
    public long retries() {
        return retries.sum();
    }

    /** Requests answered 503 {@code node-down} because no backend was healthy. */
    @Override
    public long nodeDownAnswers() {
        return nodeDown.sum();
    }

    @Override
    public long backendConnections() {
        return backendConnections.sum();
    }
}
