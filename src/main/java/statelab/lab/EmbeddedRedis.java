package statelab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.concurrent.locks.ReentrantLock;
import redis.embedded.RedisServer;
import statelab.session.redis.RedisAdmin;

/**
 * A real redis-server (the binary shipped in the embedded-redis artifact) on a free loopback port,
 * run as a child process. Persistence is off unless asked for, so a restart loses every session,
 * which is what the lab wants to be able to show. It runs in a session of its own ({@link OwnSession}),
 * so a terminal's Ctrl-C reaches the lab, which stops it after its clients, not the server itself.
 * Stopped on {@link #close()}; a JVM that exits without closing it stops it on the way out.
 *
 * <p>Start and stop wait for the process (seconds at worst), so they take a {@link ReentrantLock},
 * never this object's monitor: a virtual thread waiting under a monitor would pin its carrier, and
 * {@link #running()} reads the state without any lock at all.
 */
public final class EmbeddedRedis implements RedisControl {
    /** How long a JVM on its way out waits for the lab to stop Redis in order before stopping it itself. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final int port;
    private volatile boolean persistent;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ReentrantLock lock = new ReentrantLock();
    private volatile RedisServer server;
    private Thread safetyNet;

    private EmbeddedRedis(int port, boolean persistent) {
        this.port = port;
        this.persistent = persistent;
    }

    /** Starts a server on a free port; with {@code persistent}, an append-only file in a temp folder. */
    public static EmbeddedRedis start(boolean persistent) {
        requireBundledGetex();
        EmbeddedRedis redis = new EmbeddedRedis(freePort(), persistent);
        redis.start();
        return redis;
    }

    /**
     * Refuses (IllegalStateException, one line that says what to do) where the bundled redis-server
     * lacks GETEX: the artifact's Windows binary is Redis 5.0, so every redis-cluster request would fail.
     * Every way the lab starts Redis of its own (one server, or a replicated set) asks this first.
     */
    static void requireBundledGetex() {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            throw new IllegalStateException("the Redis bundled for Windows is 5.0 and lacks GETEX, which the redis cluster "
                    + "needs; run a Redis 6.2 or newer (WSL, Docker) and start the lab with --redis redis://127.0.0.1:6379");
        }
    }

    @Override
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public boolean managed() {
        return true;
    }

    @Override
    public boolean running() {
        RedisServer current = server;
        return current != null && current.isActive();
    }

    @Override
    public void start() {
        lock.lock();
        try {
            if (running()) {
                return;
            }
            launch();
        } finally {
            lock.unlock();
        }
    }

    private void launch() {
        try {
            if (persistent) {
                // redis-server refuses to start when its dir does not exist.
                java.nio.file.Files.createDirectories(java.nio.file.Path.of(dataDir()));
            }
            Consumer<String> quiet = line -> { };
            List<String> command = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .setting(persistent ? "appendonly yes" : "appendonly no")
                    // The lab stops Redis abruptly; with the default "everysec" the last second of writes
                    // could go with it, so a persistent lab syncs every write before answering.
                    .settingIf(persistent, "appendfsync always")
                    // A folder of its own, never the working folder of whatever started it.
                    .setting("dir " + (persistent ? dataDir() : System.getProperty("java.io.tmpdir")))
                    .setting("protected-mode yes")
                    .buildCommandArgs();
            // No force-stop hook of the library's own: it would stop Redis in parallel with the lab's
            // orderly shutdown, before the clients; the safety net below waits for the lab instead.
            RedisServer starting = new RedisServer(port, OwnSession.command(command), false, quiet, quiet);
            starting.start();
            server = starting;
            armSafetyNet();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server did not start on port " + port, e);
        }
    }

    /**
     * Running in its own session, the server would outlive a JVM that exits without closing the lab
     * (Ctrl-C during the start, a test that forgets). On the way out the JVM gives the lab's orderly
     * close {@link #SHUTDOWN_GRACE} to stop it, then stops it itself.
     */
    private void armSafetyNet() {
        if (safetyNet != null) {
            return;
        }
        safetyNet = new Thread(() -> {
            try {
                closed.await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop();
        }, "redis-safety-net");
        Runtime.getRuntime().addShutdownHook(safetyNet);
    }

    @Override
    public boolean persistent() {
        return persistent;
    }

    /**
     * {@code CONFIG SET} on the running server: on, the append-only file in this server's data folder
     * with {@code appendfsync always}, and waits until Redis has written what it already holds into it
     * (so stopping right after loses nothing); off, no file. The next start uses the same setting.
     */
    // No lock: it waits on Redis (up to seconds) through the lab's admin connection; the lab's callers
    // take their actions one at a time anyway.
    @Override
    public void setPersistent(boolean on, RedisAdmin admin) {
        if (!running()) {
            throw new IllegalStateException("Redis is stopped; start it before changing its persistence");
        }
        if (on) {
            try {
                java.nio.file.Files.createDirectories(java.nio.file.Path.of(dataDir()));
            } catch (IOException e) {
                throw new UncheckedIOException("could not make a data folder for Redis", e);
            }
            admin.configSet("dir", dataDir());
            admin.configSet("appendfsync", "always");
            admin.configSet("appendonly", "yes");
            awaitRewrite(admin);
        } else {
            admin.configSet("appendonly", "no");
        }
        persistent = on;
    }

    /** Switching the file on makes Redis write its whole data set into it in the background; wait for that. */
    private static void awaitRewrite(RedisAdmin admin) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String info = admin.info("persistence");
            if (info.contains("aof_rewrite_in_progress:0") && info.contains("aof_rewrite_scheduled:0")
                    && info.contains("aof_enabled:1")) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new IllegalStateException("Redis did not finish writing its append-only file within 10 s");
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            if (server != null) {
                server.stop();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server did not stop", e);
        } finally {
            server = null;
            lock.unlock();
        }
    }

    @Override
    public void close() {
        stop();
        closed.countDown();
        Thread net;
        lock.lock();
        try {
            net = safetyNet;
            safetyNet = null;
        } finally {
            lock.unlock();
        }
        if (net != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(net);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook runs, finds the latch open and returns at once.
            }
        }
    }

    private String dataDir() {
        return System.getProperty("java.io.tmpdir") + "/statelab-redis-" + port;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
