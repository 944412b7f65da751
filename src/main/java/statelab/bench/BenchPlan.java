package statelab.bench;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import statelab.lab.Strategy;

/**
 * What one {@code statelab bench} run does: for each strategy and each target, a phase of
 * {@code users} virtual users who sign in, warm up for {@code warmup}, then are measured for
 * {@code duration}, at most {@code rate} requests per second in all (0: no cap). The first phase
 * also warms up for {@code jitWarmup} more, so the JIT has compiled the servers' common paths before
 * anything is measured; otherwise the first phase (the in-memory baseline) would be measured colder
 * than the rest. {@code kills} holds the node kill to make in each phase through a balancer: none, or one.
 */
public record BenchPlan(List<Strategy> strategies, List<Target> targets, int users, Duration warmup,
                        Duration jitWarmup, Duration duration, int rate, List<KillPlan> kills) {
    /** Bounds that keep a run from swamping the machine or running for hours. */
    public static final int MAX_USERS = 2_000;
    public static final Duration MAX_DURATION = Duration.ofMinutes(10);

    public BenchPlan {
        strategies = List.copyOf(strategies);
        targets = List.copyOf(targets);
        kills = List.copyOf(kills);
        if (kills.size() > 1) {
            throw new IllegalArgumentException("a run kills at most one node");
        }
        Optional<KillPlan> kill = kills.stream().findFirst();
        if (strategies.isEmpty() || targets.isEmpty()) {
            throw new IllegalArgumentException("name at least one strategy and one target");
        }
        if (users < 1 || users > MAX_USERS) {
            throw new IllegalArgumentException("users must be between 1 and " + MAX_USERS);
        }
        if (duration.toMillis() < 200 || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("the duration must be between 200ms and " + MAX_DURATION.toMinutes() + "m");
        }
        if (warmup.isNegative() || warmup.compareTo(MAX_DURATION) > 0 || jitWarmup.isNegative() || jitWarmup.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("the warm-up must be between 0s and " + MAX_DURATION.toMinutes() + "m");
        }
        if (rate < 0) {
            throw new IllegalArgumentException("the rate cap must be 0 (none) or more");
        }
        if (kill.isPresent() && (kill.get().at().isNegative() || kill.get().at().compareTo(duration) >= 0)) {
            throw new IllegalArgumentException("--at must fall inside the measured duration (" + duration.toMillis() + "ms)");
        }
    }

    /** The node kill of each balanced phase; empty when the run kills nothing. */
    public Optional<KillPlan> kill() {
        return kills.stream().findFirst();
    }
}
