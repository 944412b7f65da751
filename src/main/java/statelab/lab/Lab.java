package statelab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import statelab.lb.TlsEndpoint;
import statelab.node.SessionCookies;
import statelab.session.UserDirectory;
import statelab.session.redis.RedisAccess;

/**
 * The whole lab: one Redis and one cluster per strategy, all real servers on loopback ports. This is
 * the one control API the CLI, the web page and the tests share. Node operations given a node id
 * apply to that node in every cluster, as the lesson's "kill S1" does; {@link #cluster} gives one.
 *
 * <p>All servers run on one shared thread pool whose work runs on virtual threads, so a lab of
 * seventeen servers costs a handful of platform threads.
 */
public final class Lab implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lab.class);

    private final LabConfig config;
    private final QueuedThreadPool threadPool;
    private final RedisControl redis;
    /** The lab's one Lettuce set-up: every node's link, the admin (counts, reset, stats); on {@link #redisResources}. */
    private final RedisAccess redisAccess;
    private final io.lettuce.core.resource.ClientResources redisResources;
    private final SessionStrategies strategies;
    private final Map<Strategy, Cluster> clusters = new java.util.LinkedHashMap<>();
    private NodeLauncher launcher;
    private LabKeyFile keyFile;
    private final List<LabListener> listeners = new CopyOnWriteArrayList<>();

    private final java.nio.file.Path disks;
    private TlsMaterial tls;
    private final InternalUser internalUser = InternalUser.random();

    private Lab(LabConfig config, QueuedThreadPool threadPool, RedisControl redis, RedisAccess redisAccess,
                io.lettuce.core.resource.ClientResources redisResources, java.nio.file.Path disks) {
        this.disks = disks;
        this.config = config;
        this.threadPool = threadPool;
        this.redis = redis;
        this.redisAccess = redisAccess;
        this.redisResources = redisResources;
        this.strategies = new SessionStrategies(config.sessionPolicy(), redis, redisAccess, config.jwtRevocation(),
                config.sharedThrottle(), disks);
    }

    /** Starts Redis (or connects to the configured one) and every cluster; closes what started if any part fails. */
    public static Lab start(LabConfig config) throws Exception {
        // Redis first: a Sentinel URL with no primary, or a Redis that cannot start, fails before any server exists.
        // One set of Lettuce resources (event loops, timers) for every Redis client of the lab, shut down last.
        io.lettuce.core.resource.ClientResources resources = RedisAccess.newResources();
        RedisControl redis;
        try {
            redis = config.externalRedis().<RedisControl>map(url -> ExternalRedis.connect(url, resources))
                    .orElseGet(() -> config.redisHa() ? ReplicatedRedis.launch(resources) : EmbeddedRedis.start(config.redisPersistent()));
        } catch (RuntimeException e) {
            resources.shutdown();
            throw e;
        }
        QueuedThreadPool pool = new QueuedThreadPool(256, 4);
        pool.setName("lab");
        pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        try {
            pool.start();
        } catch (Exception e) {
            redis.close();
            resources.shutdown();
            throw e;
        }
        java.nio.file.Path disks = java.nio.file.Files.createTempDirectory("statelab-disks-");
        Lab lab = new Lab(config, pool, redis, new RedisAccess(resources, redis.url()), resources, disks);
        try {
            UserDirectory users = lab.internalUser.addTo(UserDirectory.demo());
            SessionCookies cookies = new SessionCookies(config.https());
            lab.tls = config.https() ? TlsMaterial.generate() : null;
            TlsEndpoint endpoint = lab.tls == null ? null : new TlsEndpoint(lab.tls.keyStore(), lab.tls.password());
            if (config.nodeProcesses()) {
                lab.keyFile = LabKeyFile.create(lab.strategies.keys());
                lab.launcher = new OsProcessNodeLauncher(config, redis.url(), redis.replicated() ? 1 : 0,
                        lab.keyFile.signingKeys(), lab.strategies::jwtRevocation, lab.internalUser);
            } else {
                lab.launcher = new InProcessNodeLauncher(lab.strategies, users, cookies, lab.nodeThreads(pool));
            }
            BalancerKinds.Factory balancers = BalancerKinds.byKey(config.balancer()).orElseThrow();
            for (Strategy strategy : config.strategies()) {
                Cluster cluster = new Cluster(strategy.kind(), lab.launcher,
                        balancers.create(strategy.kind(), pool, endpoint), lab::publish);
                lab.clusters.put(strategy, cluster);
            }
            lab.inEveryCluster(cluster -> {
                cluster.start(config.nodesPerCluster());
                return null;
            });
            // After the servers, not beside them: the warm-up hash would take a core from the start-up.
            users.warmedUp();
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /** The nodes' own pool when they run on platform threads; null when they share the lab's virtual threads. */
    private QueuedThreadPool nodePool;

    /** The pool in-process nodes serve requests on, as {@link LabConfig#nodeThreads()} asks ({@link NodeThreads}). */
    private org.eclipse.jetty.util.thread.ThreadPool nodeThreads(QueuedThreadPool shared) throws Exception {
        if (config.nodeThreads() == NodeThreads.VIRTUAL) {
            return shared;
        }
        nodePool = config.nodeThreads().newPool("nodes");
        nodePool.start();
        return nodePool;
    }

    public LabConfig config() {
        return config;
    }

    /** The lab's own user (random name and password, never shown) for runs that must not hit alice's or bob's lockout. */
    public InternalUser internalUser() {
        return internalUser;
    }

    /** The clusters in display order. */
    public List<Cluster> clusters() {
        return List.copyOf(clusters.values());
    }

    /** The cluster of a strategy; throws IllegalArgumentException when this lab does not run it. */
    public Cluster cluster(Strategy strategy) {
        Cluster cluster = clusters.get(strategy);
        if (cluster == null) {
            throw new IllegalArgumentException("this lab runs no " + strategy.key() + " cluster");
        }
        return cluster;
    }

    /** The public keys jwt nodes verify with (no private part): what a client may check a token against. */
    public com.nimbusds.jose.jwk.JWKSet jwtPublicKeys() {
        return strategies.keys().publicKeys();
    }

    /** In HTTPS mode, a client context that trusts the lab's self-signed certificate; empty otherwise. */
    public java.util.Optional<javax.net.ssl.SSLContext> clientTls() {
        return java.util.Optional.ofNullable(tls).map(TlsMaterial::clientContext);
    }

    /** The cookie a client of this lab receives its credential in, such as {@code sid} or {@code __Host-sid}. */
    public String credentialCookie(Strategy strategy) {
        return new SessionCookies(config.https()).name(strategy.credentialCookie());
    }

    public RedisControl redis() {
        return redis;
    }

    /** The lab's way to its Redis: links on the shared client, and the admin that counts, flushes and reads statistics. */
    public RedisAccess redisAccess() {
        return redisAccess;
    }

    /** Crashes the node with this id in every cluster; answers whether any was up. */
    public boolean kill(String nodeId) {
        requireNode(nodeId);
        boolean any = false;
        for (Cluster cluster : clusters.values()) {
            any |= cluster.kill(nodeId);
        }
        return any;
    }

    /**
     * Starts a fresh node with this id in every cluster, and waits until each balancer sees it.
     *
     * @throws NodeNotSeenException when a balancer did not see its node healthy in time
     */
    public void restart(String nodeId) throws Exception {
        requireNode(nodeId);
        inEveryCluster(cluster -> {
            cluster.restart(nodeId);
            return null;
        });
    }

    /** How long a drain waits for the requests in flight to a node to finish. */
    public static final java.time.Duration DRAIN_TIMEOUT = java.time.Duration.ofSeconds(30);

    /**
     * Takes the node with this id out of every cluster gracefully, as a rolling deploy does: each
     * balancer sends it no new requests, the requests in flight finish, then the node stops. A
     * {@link #restart} brings it back. Kill stays the crash.
     *
     * @throws java.util.concurrent.TimeoutException when requests were still in flight after {@link #DRAIN_TIMEOUT}
     */
    public void drain(String nodeId) throws Exception {
        requireNode(nodeId);
        inEveryCluster(cluster -> {
            cluster.drain(nodeId).get(DRAIN_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return cluster.stopDrained(nodeId);
        });
    }

    /** Adds one node to every cluster and waits until each balancer sees it; answers its id. */
    public String addNode() throws Exception {
        return inEveryCluster(Cluster::addNode).get(0);
    }

    /** A change to one cluster, run in every cluster at once. */
    @FunctionalInterface
    private interface ClusterChange<T> {
        T apply(Cluster cluster) throws Exception;
    }

    /**
     * Runs the change in every cluster at once (each waits for its own balancer, and a node process
     * takes a moment to start), and answers the results in cluster order. The first failure is
     * thrown once every cluster is done, the others attached to it.
     */
    private <T> List<T> inEveryCluster(ClusterChange<T> change) throws Exception {
        List<java.util.concurrent.Future<T>> pending = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Cluster cluster : clusters.values()) {
                pending.add(executor.submit(() -> change.apply(cluster)));
            }
        }
        List<T> results = new ArrayList<>();
        Exception first = null;
        for (var future : pending) {
            try {
                results.add(future.get());
            } catch (java.util.concurrent.ExecutionException e) {
                Exception cause = e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
                if (first == null) {
                    first = cause;
                } else {
                    first.addSuppressed(cause);
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return results;
    }

    /** Stops the lab's Redis abruptly; throws UnsupportedOperationException for an external one. */
    public void stopRedis() {
        redis.stop();
        publish(LabEvent.of("redis-stopped", null, "Redis stopped: every session in it is out of reach"));
    }

    /**
     * Crashes the Redis primary (SIGKILL) so Sentinel promotes the replica; answers the killed address.
     * Throws UnsupportedOperationException unless the lab runs a replicated Redis ({@code --redis-ha}).
     */
    public String killRedisPrimary() {
        String killed = redis.killPrimary();
        publish(LabEvent.of("redis-primary-killed", null, "the Redis primary " + killed
                + " was killed: Sentinel promotes the replica within seconds; sign-ins wait until a replica is back"));
        return killed;
    }

    public void startRedis() {
        redis.start();
        publish(LabEvent.of("redis-started", null, "Redis is running again"));
    }

    /**
     * Switches the lab's Redis append-only file on or off at run time (see {@link RedisControl#setPersistent}):
     * on, a stop and start keeps every session; off, they are gone.
     */
    public void setRedisPersistence(boolean on) {
        redis.setPersistent(on, redisAccess.admin());
        publish(LabEvent.of("redis-persistence", null, on
                ? "Redis now writes every change to an append-only file before answering: a restart keeps the sessions"
                : "Redis keeps sessions in memory only: a restart loses every one"));
    }

    /** Turns the jwt cluster's Redis deny-list on or off. */
    public void setJwtRevocation(boolean on) {
        strategies.setJwtRevocation(on);
        launcher.jwtRevocationSwitched(on);
        publish(LabEvent.of("jwt-revocation", Strategy.JWT.key(),
                on ? "jwt nodes now check a Redis deny-list on every request" : "jwt nodes no longer check a deny-list"));
    }

    /** Signs new tokens with a fresh key; tokens signed with the old one stay valid until they expire. */
    public String rotateJwtKey() {
        String kid = strategies.keys().rotate();
        if (keyFile != null) {
            keyFile.write(strategies.keys());
        }
        launcher.jwtKeysChanged();
        publish(LabEvent.of("jwt-key-rotated", Strategy.JWT.key(), "tokens are now signed with key " + kid
                + "; the old key still verifies until its last token expires"));
        return kid;
    }

    public boolean jwtRevocation() {
        return strategies.jwtRevocation();
    }

    /** Counts failed sign-ins in Redis (true) or in each node's own memory (false), on every node from now on. */
    public void setSharedLoginThrottle(boolean shared) {
        strategies.setSharedThrottle(shared);
        publish(LabEvent.of("login-throttle", null, shared ? "failed sign-ins are now counted in Redis, for every node together"
                : "failed sign-ins are now counted by each node on its own"));
    }

    public boolean sharedLoginThrottle() {
        return strategies.sharedThrottle();
    }

    /** The directory holding every node's own directory (the uploads lab's disks); deleted when the lab closes. */
    public java.nio.file.Path disks() {
        return disks;
    }

    /**
     * Back to the starting state: Redis running and emptied of sessions, with the persistence and the
     * jwt deny-list it started with, the configured number of nodes per cluster fresh and up (nodes
     * added since are removed), every balancer's round-robin at S1.
     */
    public void reset() throws Exception {
        if (redis.managed() && !redis.whole()) {
            redis.start();
        }
        if (redis.managed() && !redis.replicated() && redis.persistent() != config.redisPersistent()) {
            redis.setPersistent(config.redisPersistent(), redisAccess.admin());
        }
        if (strategies.jwtRevocation() != config.jwtRevocation()) {
            strategies.setJwtRevocation(config.jwtRevocation());
        }
        strategies.setSharedThrottle(config.sharedThrottle());
        redisAccess.admin().flushLabKeys();
        inEveryCluster(cluster -> {
            cluster.reset();
            return null;
        });
        publish(LabEvent.of("reset", null, "the lab was reset: " + config.nodesPerCluster()
                + " fresh nodes per cluster, Redis emptied"));
    }

    public void addListener(LabListener listener) {
        listeners.add(listener);
    }

    public void removeListener(LabListener listener) {
        listeners.remove(listener);
    }

    /** Tells every listener; a failing listener is logged and does not stop the others. */
    public void publish(LabEvent event) {
        for (LabListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("a lab listener failed on {}", event.type(), e);
            }
        }
    }

    private void requireNode(String nodeId) {
        boolean known = clusters.values().stream().anyMatch(c -> c.nodes().stream().anyMatch(n -> n.id().equals(nodeId)));
        if (!known) {
            throw new UnknownNodeException(nodeId);
        }
    }

    /** One line per endpoint: the strategy id and its balancer's URL. */
    public String describe() {
        return clusters.values().stream()
                .map(c -> String.format("%-9s %s", c.strategy().key(), c.lbUri()))
                .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        for (Cluster cluster : clusters.values()) {
            cluster.close();
        }
        if (launcher != null) {
            launcher.close();
        }
        if (keyFile != null) {
            keyFile.close();
        }
        strategies.close();
        // The clients before the server (nothing left to reconnect to a stopped Redis), the resources last.
        redisAccess.close();
        redis.close();
        redisResources.shutdown();
        statelab.node.NodeStores.deleteTree(disks);
        try {
            if (nodePool != null) {
                nodePool.stop();
            }
            threadPool.stop();
        } catch (Exception e) {
            LOG.debug("thread pool did not stop cleanly", e);
        }
    }
}
