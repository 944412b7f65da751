package statelab.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import redis.clients.jedis.Jedis;
import statelab.lab.Cluster;
import statelab.lab.Lab;
import statelab.lab.LabConfig;
import statelab.lab.NodeThreads;
import statelab.lab.NodeView;
import statelab.lab.Strategy;
import statelab.scenario.LabClient;
import statelab.scenario.RequestResult;
import statelab.session.redis.RedisSessionStrategy;
import statelab.session.redis.RedisKeys;

/**
 * The redis node's session lookup against its floor, on an idle lab: the node's own
 * {@code Server-Timing: session} of sequential {@code GET /profile} straight to S1 of the redis
 * cluster, next to a bare {@code GET} of a value of the same size over one held Jedis connection to
 * the same Redis, paced the same way (one request every {@link #PACE_NANOS}), the two taking turns
 * request by request so both see the same moments of a shared machine. Each round prints both medians
 * and their ratio, and the strategy's {@code resolve} called on the measuring thread, also in turn
 * (the lookup without the node's request threads). Run from the jar:
 * {@code java -cp target/statelab.jar statelab.bench.SessionLookupFloor [rounds] [requests] [platform|virtual]}
 * (the last, the nodes' threads, {@code platform} unless given: the lab the page drives).
 *
 * <p>Contract: starts a lab with only the redis cluster on its own Redis, sends only to loopback, and
 * closes the lab when done; a sign-in that fails, or any answer without a session timing (a failed
 * request), stops the run with exit code 1: timing only the answers that succeeded would time a
 * different thing.
 */
public final class SessionLookupFloor {
    static final long PACE_NANOS = 2_000_000;
    private static final int WARM_UP = 2_000;
    private static final String FLOOR_KEY = RedisKeys.bench("lookup-floor");
    /** Answers without a session timing (a failure of any kind): a round with any is not a measurement. */
    private static final AtomicInteger FAILED = new AtomicInteger();

    private SessionLookupFloor() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 250;
        NodeThreads threads = args.length > 2 ? NodeThreads.byKey(args[2]).orElseThrow(() ->
                new IllegalArgumentException("node threads are one of " + NodeThreads.keys())) : NodeThreads.PLATFORM;
        LabConfig config = LabConfig.standard().withStrategies(List.of(Strategy.REDIS)).withNodeThreads(threads);
        try (Lab lab = Lab.start(config)) {
            Cluster cluster = lab.cluster(Strategy.REDIS);
            URI node = cluster.nodes().stream().filter(NodeView::up).findFirst().orElseThrow().url();
            URI redis = URI.create(lab.redis().url());
            try (LabClient client = LabClient.direct(node, Strategy.REDIS);
                 Jedis jedis = new Jedis(redis.getHost(), redis.getPort())) {
                RequestResult login = client.send("POST", "/login", lab.internalUser().loginBody());
                if (!login.succeeded()) {
                    System.err.println("sign-in failed: " + login.summary());
                    System.exit(1);
                }
                // A value the size of a session as the node stores it.
                jedis.set(FLOOR_KEY, "{\"u\":\"" + "x".repeat(24) + "\",\"c\":1764547200000,\"s\":{}}");
                // The strategy alone, called on this thread: the node's lookup without the node's request threads.
                RedisSessionStrategy strategy = new RedisSessionStrategy(lab.redisAccess().newLink(), lab.config().sessionPolicy());
                String id = strategy.create(lab.internalUser().name());
                measure(client, jedis, strategy, id, WARM_UP);
                if (FAILED.get() > 0) {
                    System.err.println(FAILED.get() + " of " + WARM_UP + " warm-up answers failed or carried no session timing");
                    System.exit(1);
                }
                System.out.println("nodes on " + threads.key() + " threads");
                System.out.println("round  session p50 us  bare GET p50 us  ratio  resolve on this thread p50 us");
                for (int round = 1; round <= rounds; round++) {
                    double[][] micros = measure(client, jedis, strategy, id, requests);
                    double session = median(micros[0]);
                    double floor = median(micros[1]);
                    System.out.printf(Locale.ROOT, "%5d  %14.1f  %15.1f  %5.2f  %29.1f%n", round, session, floor, session / floor,
                            median(micros[2]));
                    if (FAILED.get() > 0) {
                        System.err.println(FAILED.get() + " answers failed or carried no session timing: not a measurement");
                        System.exit(1);
                    }
                }
                strategy.close();
                jedis.del(FLOOR_KEY);
            }
        }
    }

    /**
     * One request of each kind in turn, each in its own paced slot, so the three medians see the same
     * moments of a shared machine: the node's {@code Server-Timing: session}, the bare GET, the strategy
     * on this thread.
     */
    private static double[][] measure(LabClient client, Jedis jedis, RedisSessionStrategy strategy, String id, int requests) {
        List<Double> session = new ArrayList<>(requests);
        double[] floor = new double[requests];
        double[] alone = new double[requests];
        for (int i = 0; i < requests; i++) {
            long next = System.nanoTime() + PACE_NANOS;
            RequestResult answer = client.send("GET", "/profile", null);
            if (answer.succeeded() && answer.wire().sessionMicros() != null) {
                session.add(answer.wire().sessionMicros());
            } else {
                FAILED.incrementAndGet();
            }
            pace(next);
            next = System.nanoTime() + PACE_NANOS;
            long started = System.nanoTime();
            jedis.get(FLOOR_KEY);
            floor[i] = (System.nanoTime() - started) / 1_000.0;
            pace(next);
            next = System.nanoTime() + PACE_NANOS;
            started = System.nanoTime();
            strategy.resolve(id);
            alone[i] = (System.nanoTime() - started) / 1_000.0;
            pace(next);
        }
        return new double[][] {session.stream().mapToDouble(Double::doubleValue).toArray(), floor, alone};
    }

    private static void pace(long until) {
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
