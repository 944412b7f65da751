package statelab.lb.haproxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import statelab.lb.BackendStatus;
import statelab.lb.Balancer;
import statelab.lb.BalancerStats;
import statelab.lb.TlsEndpoint;

/**
 * The system's HAProxy as a cluster's balancer: a process of its own with a generated configuration
 * ({@link HaproxyConfig}) on a free loopback port. Backends come and go through HAProxy's runtime API
 * (dynamic servers), never by restarting it; what HAProxy believes of each server is read from the
 * same API every 100 ms and reported as health events.
 *
 * <p>Resetting the round-robin position is the one change made by a soft reload (a new process on the
 * same port takes over, the old one finishes what it serves): HAProxy keeps no command that rewinds
 * its weighted round-robin, and taking servers out and back in left the order depending on where the
 * rotation stood (a server could be skipped for a whole cycle). A fresh process always starts at the
 * first server, which is what a reset promises.
 */
public final class HaproxyBalancer implements Balancer {
    public static final String KIND = "haproxy";
    private static final Logger LOG = LoggerFactory.getLogger(HaproxyBalancer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 100;

    private final String policy;
    private final TlsEndpoint tls;
    private final String cookieSecret;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition healthChanged = lock.newCondition();
    /** Guarded by {@link #lock}: the backends in the order they were added, and what HAProxy believes of each. */
    private final Set<URI> backends = new LinkedHashSet<>();
    private final Set<URI> draining = new LinkedHashSet<>();
    private final Map<URI, Boolean> healthy = new HashMap<>();
    private final ScheduledExecutorService poller =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("haproxy-health").factory());
    private volatile HealthListener listener = (uri, up) -> { };
    private Path dir;
    private int port;
    private HaproxyRuntime runtime;
    private HaproxyProcess process;

    /**
     * @param policy {@code round-robin} or {@code sticky-cookie}
     * @param tls    the key store to answer HTTPS with, or null for plain HTTP
     */
    public HaproxyBalancer(String policy, TlsEndpoint tls) {
        HaproxyProcess.binary();
        this.policy = policy;
        this.tls = tls;
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        this.cookieSecret = HexFormat.of().formatHex(secret);
    }

    @Override
    public HaproxyBalancer start() throws Exception {
        dir = Files.createTempDirectory("statelab-haproxy", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        HaproxyErrorPages.write(dir);
        if (tls != null) {
            PemFile.write(tls, dir.resolve("lb.pem"));
        }
        runtime = new HaproxyRuntime(dir.resolve("admin.sock"));
        port = freePort();
        launch(null);
        poller.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The configuration HAProxy runs now (for the {@code haproxy-config} command and for debugging). */
    public String configText() {
        return config(List.copyOf(activeBackends())).text();
    }

    private HaproxyConfig config(List<URI> servers) {
        return new HaproxyConfig("127.0.0.1:" + port, policy, servers, runtime == null ? null : dir.resolve("admin.sock"),
                dir, tls == null ? null : dir.resolve("lb.pem"), cookieSecret);
    }

    /** Writes the configuration of the current backends and starts HAProxy on it, taking over from {@code old}. */
    private void launch(HaproxyProcess old) throws IOException, InterruptedException {
        Path file = dir.resolve("haproxy.cfg");
        Files.writeString(file, config(activeBackends()).text());
        HaproxyProcess started = HaproxyProcess.start(file, old);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answers(started)) {
            if (!started.alive() || System.nanoTime() > deadline) {
                started.destroy();
                throw new IOException("HAProxy did not start: " + started.lastOutput());
            }
            Thread.sleep(20);
        }
        process = started;
        awaitFirstChecks(deadline);
    }

    /**
     * HAProxy counts its configured servers out until their first check passes (250 ms at most);
     * a balancer that has just started should take requests, so the start waits for those checks.
     * A server still out at the deadline is left to the health events.
     */
    private void awaitFirstChecks(long deadline) throws IOException, InterruptedException {
        List<URI> expected = activeBackends();
        while (System.nanoTime() < deadline) {
            Map<String, Boolean> states = ServerStates.parse(runtime.execute("show servers state " + HaproxyConfig.BACKEND));
            if (expected.stream().allMatch(b -> states.getOrDefault(HaproxyConfig.serverName(b), false))) {
                return;
            }
            Thread.sleep(20);
        }
    }

    /** Whether this process is the one answering on the admin socket and the port. */
    private boolean answers(HaproxyProcess candidate) {
        try {
            String info = runtime.execute("show info");
            if (!info.contains("Pid: " + candidate.pid())) {
                return false;
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private List<URI> activeBackends() {
        lock.lock();
        try {
            return backends.stream().filter(b -> !draining.contains(b)).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public URI uri() {
        return URI.create((tls != null ? "https" : "http") + "://127.0.0.1:" + port);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String policyId() {
        return policy;
    }

    /** The HAProxy process's id (it changes when a reset reloads it). */
    public long pid() {
        return process.pid();
    }

    @Override
    public void addBackend(URI backend) {
        lock.lock();
        try {
            if (!backends.add(backend)) {
                return;
            }
            healthy.put(backend, true);
            if (process != null) {
                String name = server(backend);
                runtime.expectQuiet("add server " + name + " " + backend.getHost() + ":" + backend.getPort() + " "
                        + HaproxyConfig.serverOptions(), "New server registered");
                String cookie = "sticky-cookie".equals(policy) ? "; enable dynamic-cookie backend " + HaproxyConfig.BACKEND : "";
                runtime.expectQuiet("enable server " + name + "; enable health " + name + cookie);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("HAProxy did not take the backend " + backend, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CompletableFuture<Void> drain(URI backend) {
        lock.lock();
        try {
            if (!backends.contains(backend)) {
                return CompletableFuture.completedFuture(null);
            }
            draining.add(backend);
            runtime.expectQuiet("set server " + server(backend) + " state maint");
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            lock.unlock();
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name("haproxy-drain").start(() -> {
            try {
                awaitIdleThenDelete(backend);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Waits until HAProxy serves nothing more on the backend, then deletes it. */
    private void awaitIdleThenDelete(URI backend) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        try {
            while (currentRequests(backend) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            removeBackend(backend);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while draining " + backend, e);
        }
    }

    private long currentRequests(URI backend) throws IOException {
        return HaproxyStats.parse(runtime.execute("show stat")).serverValue(server(backend).split("/")[1], "scur");
    }

    @Override
    public void removeBackend(URI backend) {
        lock.lock();
        try {
            if (!backends.remove(backend)) {
                return;
            }
            draining.remove(backend);
            healthy.remove(backend);
            healthChanged.signalAll();
        } finally {
            lock.unlock();
        }
        String name = server(backend);
        try {
            runtime.expectQuiet("set server " + name + " state maint; shutdown sessions server " + name);
            // Idle connections HAProxy keeps for reuse may hold a server back from deletion for a moment.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            String answer = runtime.execute("del server " + name).strip();
            while (!answer.contains("Server deleted") && !answer.contains("No such server")) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("HAProxy would not delete " + name + ": " + answer);
                }
                Thread.sleep(20);
                answer = runtime.execute("del server " + name).strip();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public List<BackendStatus> backends() {
        Map<String, Long> forwarded = new HashMap<>();
        try {
            HaproxyStats stats = HaproxyStats.parse(runtime.execute("show stat"));
            for (URI b : List.copyOf(backendsSnapshot())) {
                forwarded.put(b.toString(), stats.serverValue(HaproxyConfig.serverName(b), "stot"));
            }
        } catch (IOException e) {
            LOG.debug("HAProxy's counters could not be read", e);
        }
        lock.lock();
        try {
            List<BackendStatus> all = new ArrayList<>();
            for (URI b : backends) {
                all.add(new BackendStatus(b, healthy.getOrDefault(b, false), draining.contains(b),
                        forwarded.getOrDefault(b.toString(), 0L)));
            }
            return all;
        } finally {
            lock.unlock();
        }
    }

    private List<URI> backendsSnapshot() {
        lock.lock();
        try {
            return List.copyOf(backends);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int healthyCount() {
        lock.lock();
        try {
            return (int) backends.stream().filter(b -> !draining.contains(b) && healthy.getOrDefault(b, false)).count();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean healthy(URI backend) {
        lock.lock();
        try {
            return healthy.getOrDefault(backend, false);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onHealthChange(HealthListener listener) {
        this.listener = listener;
    }

    @Override
    public boolean awaitHealth(URI backend, boolean wanted, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!backends.contains(backend) || healthy.getOrDefault(backend, false) != wanted) {
                if (left <= 0) {
                    return false;
                }
                left = healthChanged.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Reads what HAProxy believes of each server; tells the listener of each flip. */
    private void poll() {
        Map<String, Boolean> states;
        try {
            states = ServerStates.parse(runtime.execute("show servers state " + HaproxyConfig.BACKEND));
        } catch (IOException e) {
            return; // between a reload's two processes, or closing: the next poll reads it
        }
        List<Map.Entry<URI, Boolean>> flips = new ArrayList<>();
        lock.lock();
        try {
            for (URI b : backends) {
                Boolean now = states.get(HaproxyConfig.serverName(b));
                if (now != null && !draining.contains(b) && !now.equals(healthy.get(b))) {
                    healthy.put(b, now);
                    flips.add(Map.entry(b, now));
                }
            }
            if (!flips.isEmpty()) {
                healthChanged.signalAll();
            }
        } finally {
            lock.unlock();
        }
        flips.forEach(f -> listener.changed(f.getKey(), f.getValue()));
    }

    @Override
    public BalancerStats stats() {
        try {
            return HaproxyStats.parse(runtime.execute("show stat"));
        } catch (IOException e) {
            return HaproxyStats.parse("");
        }
    }

    /**
     * Round-robin starts again at the first backend: HAProxy is soft-reloaded on the current backends
     * (see the class comment); they are believed healthy, as a fresh HAProxy believes its servers.
     */
    @Override
    public void resetPolicy() {
        lock.lock();
        try {
            draining.clear();
            HaproxyProcess old = process;
            launch(old);
            backends.forEach(b -> healthy.put(b, true));
            healthChanged.signalAll();
        } catch (IOException e) {
            throw new UncheckedIOException("HAProxy could not be reloaded", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        if (process != null) {
            process.destroy();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                LOG.debug("HAProxy's temp folder {} was not removed", dir, e);
            }
        }
    }

    private static String server(URI backend) {
        return HaproxyConfig.BACKEND + "/" + HaproxyConfig.serverName(backend);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
