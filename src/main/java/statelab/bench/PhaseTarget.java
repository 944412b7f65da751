package statelab.bench;

import java.net.URI;
import java.time.Duration;
import statelab.lab.Cluster;
import statelab.lab.NodeView;
import statelab.lb.haproxy.HaproxyBalancer;

/**
 * Where one phase sends its requests. For {@link Target#HAPROXY} that is an HAProxy started for the
 * phase in front of the cluster's nodes, with the cluster's own policy, and stopped after it; the
 * other targets are already running (the cluster's balancer, its first node).
 */
final class PhaseTarget implements AutoCloseable {
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(10);

    private final URI uri;
    private final HaproxyBalancer haproxy;

    private PhaseTarget(URI uri, HaproxyBalancer haproxy) {
        this.uri = uri;
        this.haproxy = haproxy;
    }

    /** Throws {@link statelab.lb.haproxy.HaproxyMissingException} for the HAProxy target when it is not installed. */
    static PhaseTarget start(Cluster cluster, Target target) throws Exception {
        return switch (target) {
            case LB -> new PhaseTarget(cluster.lbUri(), null);
            case DIRECT -> new PhaseTarget(cluster.nodes().get(0).url(), null);
            case HAPROXY -> overNodes(cluster);
        };
    }

    private static PhaseTarget overNodes(Cluster cluster) throws Exception {
        HaproxyBalancer haproxy = new HaproxyBalancer(cluster.balancer().policyId(), null);
        try {
            haproxy.start();
            for (NodeView node : cluster.nodes()) {
                haproxy.addBackend(node.url());
            }
            for (NodeView node : cluster.nodes()) {
                if (!haproxy.awaitHealth(node.url(), true, HEALTHY_WITHIN)) {
                    throw new IllegalStateException("HAProxy did not find " + node.id() + " healthy within " + HEALTHY_WITHIN.toSeconds() + " s");
                }
            }
            return new PhaseTarget(haproxy.uri(), haproxy);
        } catch (Exception | Error e) {
            haproxy.close();
            throw e;
        }
    }

    URI uri() {
        return uri;
    }

    @Override
    public void close() {
        if (haproxy != null) {
            haproxy.close();
        }
    }
}
