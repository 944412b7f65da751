package statelab.lab;

import io.lettuce.core.resource.ClientResources;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import redis.embedded.core.ExecutableProvider;

/**
 * A Redis that fails over: a primary, one replica and three Sentinels (quorum 2), every one a process
 * of the same redis-server binary the embedded-redis artifact ships (Sentinel is that binary with
 * {@code --sentinel}), all on free loopback ports. Clients reach it through Sentinel
 * ({@link #url()} is a {@code redis-sentinel://} URL), so they follow a failover by themselves.
 *
 * <p>Sentinel declares the primary down after {@link #DOWN_AFTER} without an answer and promotes the
 * replica, so a failover takes a few seconds, not the default half a minute. Replication is
 * asynchronous: a write the primary acknowledged but had not yet sent to the replica is lost in a
 * failover, which is why the redis strategy waits for the replica ({@code WAIT 1}) at sign-in.
 *
 * <p>Neither node persists to disk. {@link #start()} after a {@link #killPrimary()} brings the lost
 * node back as a replica of the current primary, never as an empty primary (which would make its
 * replica throw its data away). {@link #stop()} stops every process; {@link #start()} after that
 * starts a fresh, empty set-up.
 */
public final class ReplicatedRedis implements RedisControl {
    public static final String MASTER_NAME = "statelab";
    static final Duration DOWN_AFTER = Duration.ofMillis(1000);
    static final Duration FAILOVER_TIMEOUT = Duration.ofMillis(3000);
    private static final Duration READY_WITHIN = Duration.ofSeconds(20);
    private static final Duration PRIMARY_CACHE = Duration.ofMillis(200);

    private final Path dir;
    private final Path binary;
    private final List<RedisProcess> dataNodes = new ArrayList<>();
    private final List<RedisProcess> sentinels = new ArrayList<>();
    private final RedisProbe probe;
    /**
     * Held while starting, killing, stopping or asking the Sentinels (each waits on processes or the
     * network), so these never interleave; a lock rather than the monitor, which would pin a virtual thread.
     */
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    /** The primary the Sentinels named last and when: the page asks several times per state, Sentinel once. */
    /** The primary as Sentinel last named it: none, or one. */
    private List<RedisProcess> knownPrimary = List.of();
    private long knownAt;

    private ReplicatedRedis(Path dir, Path binary, ClientResources resources) {
        this.dir = dir;
        this.binary = binary;
        for (int i = 0; i < 2; i++) {
            dataNodes.add(new RedisProcess(binary, dir, "redis-" + i, EmbeddedRedis.freePort(), false));
        }
        for (int i = 0; i < 3; i++) {
            sentinels.add(new RedisProcess(binary, dir, "sentinel-" + i, EmbeddedRedis.freePort(), true));
        }
        this.probe = new RedisProbe(resources);
    }

    /**
     * Starts the primary, the replica and the Sentinels, and returns once the Sentinels know each other
     * and the replica. Its probes run on the caller's client resources, which must outlive it.
     */
    public static ReplicatedRedis launch(ClientResources resources) {
        EmbeddedRedis.requireBundledGetex();
        ReplicatedRedis redis;
        try {
            Path dir = Files.createTempDirectory("statelab-redis-ha-");
            File binary = ExecutableProvider.newJarResourceProvider().get();
            redis = new ReplicatedRedis(dir, binary.toPath(), resources);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded redis-server binary could not be extracted", e);
        }
        try {
            redis.start();
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        return redis;
    }

    @Override
    public String url() {
        return "redis-sentinel://" + sentinels.stream().map(s -> "127.0.0.1:" + s.port())
                .collect(Collectors.joining(",")) + "#" + MASTER_NAME;
    }

    @Override
    public boolean managed() {
        return true;
    }

    @Override
    public boolean replicated() {
        return true;
    }

    /** The store answers: the Sentinels run and the primary they name is alive. */
    @Override
    public boolean running() {
        lock.lock();
        try {
            return currentPrimary().map(RedisProcess::alive).orElse(false);
        } finally {
            lock.unlock();
        }
    }

    /** Every process of the set-up is up (no node lost to a kill). */
    @Override
    public boolean whole() {
        lock.lock();
        try {
            return Stream.concat(dataNodes.stream(), sentinels.stream()).allMatch(RedisProcess::alive) && running();
        } finally {
            lock.unlock();
        }
    }

    /** Starts whatever is not running: everything when all is down, else a lost node rejoins as a replica. */
    @Override
    public void start() {
        lock.lock();
        try {
            forgetPrimary();
            if (Stream.concat(dataNodes.stream(), sentinels.stream()).noneMatch(RedisProcess::alive)) {
                bootstrap();
                return;
            }
            int primary = currentPrimary().filter(RedisProcess::alive).map(RedisProcess::port)
                    .orElseThrow(() -> new IllegalStateException("no Sentinel names a live Redis primary yet; try again once the failover is over"));
            for (RedisProcess node : dataNodes) {
                if (!node.alive()) {
                    node.start(replicaConfig(node, primary));
                    await("the restarted node to follow the primary", () -> probe.replicaLinked(node.port()));
                }
            }
            for (RedisProcess sentinel : sentinels) {
                if (!sentinel.alive()) {
                    sentinel.start(sentinelConfig(sentinel, primary));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** SIGKILLs the node the Sentinels name as primary; answers its address. */
    @Override
    public String killPrimary() {
        lock.lock();
        try {
            RedisProcess primary = currentPrimary().filter(RedisProcess::alive)
                    .orElseThrow(() -> new IllegalStateException("there is no live Redis primary to kill (a failover may be under way)"));
            primary.kill();
            forgetPrimary();
            return "127.0.0.1:" + primary.port();
        } finally {
            lock.unlock();
        }
    }

    /** The address the Sentinels name as primary, such as {@code 127.0.0.1:6380}; empty when none answers. */
    @Override
    public Optional<String> primaryAddress() {
        lock.lock();
        try {
            return currentPrimary().map(p -> "127.0.0.1:" + p.port());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            forgetPrimary();
            sentinels.forEach(RedisProcess::kill);
            dataNodes.forEach(RedisProcess::kill);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        stop();
        probe.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            // embedded-redis extracts the binary into a fresh temp folder per call: remove this one's copy.
            Files.deleteIfExists(binary);
            Files.deleteIfExists(binary.getParent());
        } catch (IOException e) {
            // A leftover temp folder is harmless; the processes are what must go.
        }
    }

    private void bootstrap() {
        RedisProcess primary = dataNodes.get(0);
        primary.start(dataConfig(primary));
        await("the primary to answer", () -> probe.answers(primary.port()));
        for (RedisProcess replica : dataNodes.subList(1, dataNodes.size())) {
            replica.start(replicaConfig(replica, primary.port()));
            await("the replica to follow the primary", () -> probe.replicaLinked(replica.port()));
        }
        for (RedisProcess sentinel : sentinels) {
            sentinel.start(sentinelConfig(sentinel, primary.port()));
        }
        // A Sentinel that has not yet heard of the replica or of the others could not fail over.
        for (RedisProcess sentinel : sentinels) {
            await("the Sentinels to know the replica and each other", () -> probe.sentinelSees(
                    sentinel.port(), MASTER_NAME, dataNodes.size() - 1, sentinels.size() - 1));
        }
    }

    private Optional<RedisProcess> currentPrimary() {
        long now = System.nanoTime();
        if (knownPrimary.isEmpty() || now - knownAt > PRIMARY_CACHE.toNanos()) {
            knownPrimary = askPrimary().stream().toList();
            knownAt = now;
        }
        return knownPrimary.stream().findFirst();
    }

    private void forgetPrimary() {
        knownPrimary = List.of();
    }

    private Optional<RedisProcess> askPrimary() {
        for (RedisProcess sentinel : sentinels) {
            if (sentinel.alive()) {
                Optional<Integer> port = probe.primaryPort(sentinel.port(), MASTER_NAME);
                if (port.isPresent()) {
                    return dataNodes.stream().filter(n -> n.port() == port.get()).findFirst();
                }
            }
        }
        return Optional.empty();
    }

    private List<String> replicaConfig(RedisProcess node, int primaryPort) {
        List<String> lines = new ArrayList<>(dataConfig(node));
        lines.add("replicaof 127.0.0.1 " + primaryPort);
        return lines;
    }

    private List<String> dataConfig(RedisProcess node) {
        List<String> lines = new ArrayList<>(List.of(
                "bind 127.0.0.1", "port " + node.port(), "protected-mode yes", "dir " + dir,
                "dbfilename redis-" + node.port() + ".rdb", "save \"\"", "appendonly no",
                // A replica loads the primary's data straight off the socket, so a sync takes milliseconds.
                "repl-diskless-sync yes", "repl-diskless-sync-delay 0"));
        return lines;
    }

    private List<String> sentinelConfig(RedisProcess sentinel, int primaryPort) {
        return List.of("bind 127.0.0.1", "port " + sentinel.port(), "dir " + dir,
                "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + primaryPort + " 2",
                "sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER.toMillis(),
                "sentinel failover-timeout " + MASTER_NAME + " " + FAILOVER_TIMEOUT.toMillis(),
                "sentinel parallel-syncs " + MASTER_NAME + " 1");
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("replicated Redis: gave up waiting for " + what + " after " + READY_WITHIN.toSeconds() + " s");
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
