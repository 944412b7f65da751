package statelab.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import statelab.lab.Cluster;
import statelab.lab.Strategy;

/**
 * One phase: a cluster under load through one target. The users sign in first (not measured: a
 * login hashes a password on purpose), then all send together through the warm-up and the measured
 * window; the calling thread keeps time, kills the node when planned, and prints progress. Redis
 * and CPU counters are read around the window and the node is restarted after.
 */
final class PhaseRun {
    private static final long TICK_NANOS = 20_000_000L;
    private static final long SHOW_NANOS = 500_000_000L;
    static final int MAX_SIGN_INS = 32;
    private static final int SIGN_INS_AT_ONCE = 2;

    private final Cluster cluster;
    private final Target target;
    private final BenchPlan plan;
    private final Progress progress;
    private final String redisUrl;

    private final java.time.Duration warmup;

    /** @param warmup this phase's warm-up (the first phase's is longer, see {@link BenchPlan}) */
    PhaseRun(Cluster cluster, Target target, BenchPlan plan, java.time.Duration warmup, Progress progress, String redisUrl) {
        this.cluster = cluster;
        this.warmup = warmup;
        this.target = target;
        this.plan = plan;
        this.progress = progress;
        this.redisUrl = redisUrl;
    }

    BenchReport.Phase run() throws Exception {
        Strategy strategy = cluster.strategy();
        String label = strategy.key() + " " + target.key();
        List<KillPlan> kill = target.balanced() ? plan.kills() : List.of();
        try (PhaseTarget endpoint = PhaseTarget.start(cluster, target)) {
            return run(strategy, label, endpoint.uri(), kill);
        }
    }

    private BenchReport.Phase run(Strategy strategy, String label, URI uri, List<KillPlan> kill) throws Exception {
        List<VirtualUser> users = new ArrayList<>();
        for (int i = 0; i < plan.users(); i++) {
            users.add(new VirtualUser(i, uri, strategy.credentialCookie()));
        }
        progress.note("[" + label + "] signing in " + users.size() + " users at " + uri);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
             RedisCommandStats redis = new RedisCommandStats(redisUrl)) {
            int signedIn = signIn(users, threads);
            Map<String, Long> redisBefore = redis.snapshot();
            LongAdder withCredential = new LongAdder();
            long start = System.nanoTime();
            long origin = start + warmup.toNanos();
            long duration = plan.duration().toNanos();
            Recorder recorder = new Recorder(origin, duration);
            Pacer pacer = new Pacer(plan.rate());
            List<Future<?>> running = new ArrayList<>();
            for (VirtualUser user : users) {
                running.add(threads.submit(() -> user.run(pacer, origin + duration, recorder, withCredential)));
            }
            Window window = keepTime(label, recorder, origin, duration, kill);
            for (Future<?> user : running) {
                user.get(30, TimeUnit.SECONDS);
            }
            Map<String, Long> redisDelta = RedisCommandStats.delta(redisBefore, redis.snapshot());
            for (KillPlan planned : kill) {
                progress.note("[" + label + "] restarting " + planned.node());
                cluster.restart(planned.node());
            }
            int lost = (int) users.stream().filter(u -> window.killNanos > 0 && u.lostSessionAt(window.killNanos)).count();
            return PhaseResults.of(strategy, target, uri, plan, signedIn, recorder, window, redisDelta,
                    withCredential.sum(), kill, lost);
        } finally {
            users.forEach(VirtualUser::close);
            progress.done();
        }
    }

    /**
     * The first {@link #MAX_SIGN_INS} users sign in; any others share their sessions in turn (each still
     * on its own connection), since a sign-in hashes a password on purpose and 2,000 of them would take
     * minutes of CPU before anything is measured. Answers how many users hold a session.
     */
    private static int signIn(List<VirtualUser> users, ExecutorService threads) throws Exception {
        List<Future<Boolean>> logins = new ArrayList<>();
        int signing = Math.min(users.size(), MAX_SIGN_INS);
        // A node queues only a few password checks and answers sign-in-busy beyond them, so sign-ins go a few at a time.
        java.util.concurrent.Semaphore atOnce = new java.util.concurrent.Semaphore(SIGN_INS_AT_ONCE);
        for (VirtualUser user : users.subList(0, signing)) {
            logins.add(threads.submit(() -> {
                atOnce.acquire();
                try {
                    return user.signIn();
                } finally {
                    atOnce.release();
                }
            }));
        }
        List<VirtualUser> holding = new ArrayList<>();
        for (int i = 0; i < signing; i++) {
            if (logins.get(i).get(5, TimeUnit.MINUTES)) {
                holding.add(users.get(i));
            }
        }
        int signedIn = holding.size();
        for (int i = signing; i < users.size() && !holding.isEmpty(); i++) {
            signedIn += users.get(i).adopt(holding.get(i % holding.size())) ? 1 : 0;
        }
        return signedIn;
    }

    /** CPU counters at the window's edges and the moment of the kill, as the timekeeper saw them. */
    static final class Window {
        long jvmCpu;
        long redisCpu;
        long killNanos;
    }

    private Window keepTime(String label, Recorder recorder, long origin, long duration, List<KillPlan> kill) {
        Window window = new Window();
        long end = origin + duration;
        long killAt = kill.stream().findFirst().map(k -> origin + k.at().toNanos()).orElse(Long.MAX_VALUE);
        boolean measuring = false;
        long shown = 0;
        for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
            if (!measuring && now >= origin) {
                measuring = true;
                window.jvmCpu = -ProcessMetrics.jvmCpuNanos() - ProcessMetrics.haproxyCpuNanos();
                window.redisCpu = -ProcessMetrics.redisCpuNanos();
            }
            if (window.killNanos == 0 && now >= killAt) {
                cluster.kill(kill.get(0).node());
                window.killNanos = System.nanoTime();
                recorder.mark(window.killNanos);
            }
            boolean show = now - shown >= SHOW_NANOS;
            shown = show ? now : shown;
            if (show && measuring) {
                double elapsed = (now - origin) / 1e9;
                Live live = Live.of(recorder, now);
                progress.measuring(label, elapsed, duration / 1e9, live.ok, live.failed, live.perSecond, live.p99);
            } else if (show) {
                progress.warming(label, (origin - now) / 1e9);
            }
            long next = Math.min(end, now + TICK_NANOS);
            LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
        }
        window.jvmCpu += ProcessMetrics.jvmCpuNanos() + ProcessMetrics.haproxyCpuNanos();
        window.redisCpu += ProcessMetrics.redisCpuNanos();
        return window;
    }

    /** Totals so far and the last second's rate and p99, for the progress line. */
    private record Live(long ok, long failed, double perSecond, long p99) {
        static Live of(Recorder recorder, long now) {
            int current = (int) Math.min(recorder.bins() - 1, (now - recorder.origin()) / (Recorder.BIN_MILLIS * 1_000_000L));
            long ok = 0;
            long failed = 0;
            long recent = 0;
            LatencyHistogram last = new LatencyHistogram();
            int window = 1_000 / Recorder.BIN_MILLIS;
            for (int i = 0; i <= current; i++) {
                ok += recorder.ok(i);
                failed += recorder.failed(i);
                if (i < current && i >= current - window) {
                    recent += recorder.ok(i) + recorder.failed(i);
                    last.add(recorder.latency(i));
                }
            }
            int seconds = Math.min(current, window);
            return new Live(ok, failed, seconds == 0 ? 0 : recent * (1_000.0 / Recorder.BIN_MILLIS) / seconds, last.percentile(99));
        }
    }
}
