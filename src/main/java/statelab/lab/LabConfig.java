package statelab.lab;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import statelab.session.SessionPolicy;

/**
 * How to build a lab.
 *
 * @param strategies      the clusters to run, in display order
 * @param nodesPerCluster nodes S1..Sn in each cluster at start (at least 1)
 * @param redisUrl        an external Redis to use; empty text to run one ({@link #externalRedis()} reads it)
 * @param redisPersistent with a lab-run Redis: keep an append-only file so sessions survive a restart
 * @param sessionPolicy   the timeouts every strategy enforces
 * @param jwtRevocation   whether the jwt cluster checks a Redis deny-list on every request
 * @param sharedThrottle  whether failed sign-ins are counted in Redis (true) or by each node alone
 * @param https           whether the balancers answer HTTPS (self-signed) and cookies are {@code Secure} with
 *                        the {@code __Host-} prefix
 * @param balancer        which balancer runs in front of each cluster, a key of {@link BalancerKinds}
 * @param nodeProcesses   whether each node runs as an operating-system process of its own
 * @param redisHa         with a lab-run Redis: a primary, a replica and three Sentinels, reached through Sentinel,
 *                        instead of one server (sign-in then waits for the replica)
 * @param nodeThreads     the threads nodes serve requests on ({@link NodeThreads}; null means {@code platform})
 */
public record LabConfig(List<Strategy> strategies, int nodesPerCluster, String redisUrl,
                        boolean redisPersistent, SessionPolicy sessionPolicy, boolean jwtRevocation,
                        boolean sharedThrottle, boolean https, String balancer, boolean nodeProcesses,
                        boolean redisHa, NodeThreads nodeThreads) {

    public LabConfig {
        strategies = List.copyOf(strategies);
        redisUrl = redisUrl == null ? "" : redisUrl.strip();
        nodeThreads = nodeThreads == null ? NodeThreads.PLATFORM : nodeThreads;
        if (strategies.isEmpty()) {
            throw new IllegalArgumentException("a lab needs at least one strategy");
        }
        if (nodesPerCluster < 1 || nodesPerCluster > 16) {
            throw new IllegalArgumentException("nodes per cluster must be between 1 and 16, not " + nodesPerCluster);
        }
        if (BalancerKinds.byKey(balancer).isEmpty()) {
            throw new IllegalArgumentException("no balancer '" + balancer + "' (" + BalancerKinds.keys() + ")");
        }
    }

    /**
     * All four strategies, three nodes each, a lab-run Redis without persistence, standard timeouts, nodes on
     * platform threads (the lab a learner drives one request at a time).
     */
    public static LabConfig standard() {
        return new LabConfig(Strategy.values(), 3, "", false, SessionPolicy.standard(), false, true, false,
                BalancerKinds.STATELAB, false, false, NodeThreads.PLATFORM);
    }

    /** The external Redis to use; empty when the lab runs its own. */
    public Optional<String> externalRedis() {
        return redisUrl.isEmpty() ? Optional.empty() : Optional.of(redisUrl);
    }

    /** @param url an external Redis, or null or empty text for one the lab runs */
    public LabConfig withRedisUrl(String url) {
        return with(f -> f.redisUrl = url);
    }

    public LabConfig withNodes(int count) {
        return with(f -> f.nodesPerCluster = count);
    }

    public LabConfig withStrategies(List<Strategy> chosen) {
        return with(f -> f.strategies = chosen);
    }

    public LabConfig withRedisPersistence(boolean persistent) {
        return with(f -> f.redisPersistent = persistent);
    }

    public LabConfig withSessionPolicy(SessionPolicy policy) {
        return with(f -> f.sessionPolicy = policy);
    }

    public LabConfig withSharedThrottle(boolean shared) {
        return with(f -> f.sharedThrottle = shared);
    }

    public LabConfig withHttps(boolean on) {
        return with(f -> f.https = on);
    }

    public LabConfig withBalancer(String key) {
        return with(f -> f.balancer = key);
    }

    public LabConfig withNodeProcesses(boolean on) {
        return with(f -> f.nodeProcesses = on);
    }

    public LabConfig withJwtRevocation(boolean on) {
        return with(f -> f.jwtRevocation = on);
    }

    public LabConfig withRedisHa(boolean on) {
        return with(f -> f.redisHa = on);
    }

    public LabConfig withNodeThreads(NodeThreads threads) {
        return with(f -> f.nodeThreads = threads);
    }

    /** A copy with one change, checked like any new config: a new component is added here once, not in every wither. */
    private LabConfig with(Consumer<Fields> change) {
        Fields fields = new Fields(this);
        change.accept(fields);
        return fields.build();
    }

    /** This config's components, open to change for one {@link #with}. */
    private static final class Fields {
        List<Strategy> strategies;
        int nodesPerCluster;
        String redisUrl;
        boolean redisPersistent;
        SessionPolicy sessionPolicy;
        boolean jwtRevocation;
        boolean sharedThrottle;
        boolean https;
        String balancer;
        boolean nodeProcesses;
        boolean redisHa;
        NodeThreads nodeThreads;

        Fields(LabConfig from) {
            strategies = from.strategies;
            nodesPerCluster = from.nodesPerCluster;
            redisUrl = from.redisUrl;
            redisPersistent = from.redisPersistent;
            sessionPolicy = from.sessionPolicy;
            jwtRevocation = from.jwtRevocation;
            sharedThrottle = from.sharedThrottle;
            https = from.https;
            balancer = from.balancer;
            nodeProcesses = from.nodeProcesses;
            redisHa = from.redisHa;
            nodeThreads = from.nodeThreads;
        }

        LabConfig build() {
            return new LabConfig(strategies, nodesPerCluster, redisUrl, redisPersistent, sessionPolicy, jwtRevocation,
                    sharedThrottle, https, balancer, nodeProcesses, redisHa, nodeThreads);
        }
    }
}
