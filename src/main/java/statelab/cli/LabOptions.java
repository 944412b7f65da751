package statelab.cli;

import picocli.CommandLine.Option;
import statelab.lab.LabConfig;
import statelab.lab.NodeThreads;

/** The options that shape a lab, shared by every subcommand that starts one. */
final class LabOptions {
    @Option(names = "--redis", paramLabel = "URL", description = "Use this Redis (redis://host:port, or redis-sentinel://host:port,host:port#master behind Sentinel) instead of starting one.")
    String redisUrl;

    @Option(names = "--nodes", paramLabel = "N", description = "Nodes per cluster at start (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int nodes;

    @Option(names = "--redis-persistence", description = "Give the lab's own Redis an append-only file, so sessions survive its restart.")
    boolean persistence;

    @Option(names = "--redis-ha", description = "Run Redis as a primary, a replica and three Sentinels (reached through Sentinel; sign-in waits for the replica) so it can fail over.")
    boolean redisHa;

    @Option(names = "--https", description = "Serve the balancers over HTTPS (a self-signed certificate made at start); cookies become Secure with the __Host- prefix.")
    boolean https;

    @Option(names = "--jwt-revocation", description = "Start with the jwt cluster checking a Redis deny-list on every request.")
    boolean jwtRevocation;

    @Option(names = "--login-throttle", paramLabel = "WHERE", defaultValue = "redis",
            description = "Where failed sign-ins are counted: 'redis' (shared, the default) or 'node' (each node alone).")
    String throttle;

    @Option(names = "--balancer", paramLabel = "KIND", defaultValue = "statelab",
            description = "The load balancer in front of each cluster: 'statelab' (our own, the default) or 'haproxy' (the system's haproxy).")
    String balancer;

    @Option(names = "--node-processes", description = "Run each node as a JVM of its own (Kill is then SIGKILL of that process).")
    boolean nodeProcesses;

    @Option(names = "--node-threads", paramLabel = "KIND",
            description = "What nodes serve requests on: 'platform' (a blocked Redis read is one kernel wake-up; the default "
                    + "for serve and run) or 'virtual' (carries thousands of users; the default for bench).")
    String nodeThreads;

    /** The lab these options describe, its nodes on platform threads unless {@code --node-threads} says otherwise. */
    LabConfig config() throws UsageProblem {
        return config(NodeThreads.PLATFORM);
    }

    /** @param threads what the nodes run on when {@code --node-threads} is not given */
    LabConfig config(NodeThreads threads) throws UsageProblem {
        if (nodeThreads != null) {
            threads = NodeThreads.byKey(nodeThreads).orElseThrow(() ->
                    new UsageProblem("--node-threads is one of " + NodeThreads.keys() + ", not '" + nodeThreads + "'"));
        }
        if (statelab.lab.BalancerKinds.byKey(balancer).isEmpty()) {
            throw new UsageProblem("--balancer is one of " + statelab.lab.BalancerKinds.keys() + ", not '" + balancer + "'");
        }
        if (!throttle.equals("redis") && !throttle.equals("node")) {
            throw new UsageProblem("--login-throttle is 'redis' or 'node', not '" + throttle + "'");
        }
        if (redisUrl != null && !redisUrl.matches("rediss?://[^\\s/]+(:\\d+)?(/\\d+)?")
                && !redisUrl.matches("rediss?-sentinel://[^\\s/#,]+(,[^\\s/#,]+)*(/\\d+)?#[\\w.-]+")) {
            throw new UsageProblem("--redis takes a URL such as redis://127.0.0.1:6379 or, behind Sentinel, "
                    + "redis-sentinel://10.0.0.5:26379,10.0.0.6:26379#statelab, not '" + redisUrl + "'");
        }
        if (redisHa && (redisUrl != null || persistence)) {
            throw new UsageProblem("--redis-ha starts the lab's own primary, replica and Sentinels: it goes with neither --redis nor --redis-persistence");
        }
        if (nodes < 1 || nodes > 16) {
            throw new UsageProblem("--nodes must be between 1 and 16");
        }
        return LabConfig.standard().withRedisUrl(redisUrl).withNodes(nodes)
                .withRedisPersistence(persistence).withJwtRevocation(jwtRevocation)
                .withSharedThrottle(throttle.equals("redis")).withHttps(https).withBalancer(balancer).withNodeProcesses(nodeProcesses).withRedisHa(redisHa)
                .withNodeThreads(threads);
    }
}
