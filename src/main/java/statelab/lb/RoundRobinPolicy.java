package statelab.lb;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Request;

/**
 * Deterministic round-robin over the healthy backends: the n-th request goes to healthy[n mod size].
 * With one client and three healthy nodes that is S1, S2, S3, S1, ... as the lesson shows; when a
 * node drops out, the same counter walks the remaining ones.
 */
public final class RoundRobinPolicy implements BalancingPolicy {
    private final AtomicLong counter = new AtomicLong();

    @Override
    public Choice choose(Request request, List<Backend> healthy) {
        return new Choice(next(healthy), null);
    }

    Backend next(List<Backend> healthy) {
        int index = (int) Math.floorMod(counter.getAndIncrement(), (long) healthy.size());
        return healthy.get(index);
    }

    @Override
    public void reset() {
        counter.set(0);
    }

    @Override
    public String id() {
        return "round-robin";
    }
}
