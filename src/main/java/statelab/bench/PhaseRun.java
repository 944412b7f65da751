package statelab.bench;

import java.net.URI;
import java.util.List;
import java.util.Map;
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
    static final int MAX_SIGN_INS = LoadGenerator.MAX_SIGN_INS;

    private final Cluster cluster;
    private final Target target;
    private final BenchPlan plan;
    private final Progress progress;
    private final statelab.session.redis.RedisAdmin redisAdmin;

    private final java.time.Duration warmup;
    private final boolean ownProcess;

    /**
     * @param warmup     this phase's warm-up (the first phase's is longer, see {@link BenchPlan})
     * @param ownProcess whether the virtual users run in a JVM of their own ({@link LoadProcess})
     */
    PhaseRun(Cluster cluster, Target target, BenchPlan plan, java.time.Duration warmup, Progress progress,
             statelab.session.redis.RedisAdmin redisAdmin, boolean ownProcess) {
        this.cluster = cluster;
        this.ownProcess = ownProcess;
        this.warmup = warmup;
        this.target = target;
        this.plan = plan;
        this.progress = progress;
        this.redisAdmin = redisAdmin;
    }

    BenchReport.Phase run() throws Exception {
        Strategy strategy = cluster.strategy();
        String label = strategy.key() + " " + target.key();
        List<KillPlan> kill = target.balanced() ? plan.kills() : List.of();
        int nodes = target.balanced() ? (int) cluster.nodes().stream().filter(statelab.lab.NodeView::up).count() : 1;
        try (PhaseTarget endpoint = PhaseTarget.start(cluster, target)) {
            return run(strategy, label, endpoint.uri(), kill, nodes);
        }
    }

    private BenchReport.Phase run(Strategy strategy, String label, URI uri, List<KillPlan> kill, int nodes) throws Exception {
        try (Load load = ownProcess ? new LoadProcess(uri, strategy.credentialCookie(), plan.users(), plan.rate())
                : new LoadGenerator(uri, strategy.credentialCookie(), plan.users(), plan.rate())) {
            RedisCommandStats redis = new RedisCommandStats(redisAdmin);
            progress.note("[" + label + "] signing in " + plan.users() + " users at " + uri
                    + (ownProcess ? " (load generator in its own JVM)" : ""));
            int signedIn = load.signIn();
            Map<String, Long> redisBefore = redis.snapshot();
            long readsBefore = redis.reads();
            long origin = System.nanoTime() + warmup.toNanos();
            long duration = plan.duration().toNanos();
            load.start(origin, duration);
            Window window = keepTime(label, load, origin, duration, kill);
            Load.Outcome outcome = load.finish();
            window.jvmCpu += outcome.ownCpuNanos();
            Map<String, Long> redisDelta = RedisCommandStats.delta(redisBefore, redis.snapshot());
            window.redisReads = redis.reads() - readsBefore;
            for (KillPlan planned : kill) {
                progress.note("[" + label + "] restarting " + planned.node());
                cluster.restart(planned.node());
            }
            return PhaseResults.of(strategy, target, uri, plan, signedIn, outcome.recorder(), window, redisDelta,
                    outcome.withCredential(), kill, window.killNanos > 0 ? outcome.lostSessions() : 0, nodes, load.where());
        } finally {
            progress.done();
        }
    }

    /** CPU and context-switch counters at the window's edges and the moment of the kill, as the timekeeper saw them. */
    static final class Window {
        long jvmCpu;
        long redisCpu;
        long switches;
        /** Socket reads Redis made over the same span as the command counts (sign-ins to the last answer). */
        long redisReads;
        long killNanos;
    }

    private Window keepTime(String label, Load load, long origin, long duration, List<KillPlan> kill) {
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
                window.switches = -ProcessMetrics.contextSwitches();
            }
            if (window.killNanos == 0 && now >= killAt) {
                cluster.kill(kill.get(0).node());
                window.killNanos = System.nanoTime();
                load.mark(window.killNanos);
            }
            boolean show = now - shown >= SHOW_NANOS;
            shown = show ? now : shown;
            if (show && measuring) {
                double elapsed = (now - origin) / 1e9;
                java.util.Optional<Recorder> recorder = load.live();
                if (recorder.isPresent()) {
                    Live live = Live.of(recorder.get(), now);
                    progress.measuring(label, elapsed, duration / 1e9, live.ok, live.failed, live.perSecond, live.p99);
                } else {
                    progress.measuringElsewhere(label, elapsed, duration / 1e9);
                }
            } else if (show) {
                progress.warming(label, (origin - now) / 1e9);
            }
            long next = Math.min(end, now + TICK_NANOS);
            LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
        }
        window.jvmCpu += ProcessMetrics.jvmCpuNanos() + ProcessMetrics.haproxyCpuNanos();
        window.redisCpu += ProcessMetrics.redisCpuNanos();
        window.switches += ProcessMetrics.contextSwitches();
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
