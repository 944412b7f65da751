package statelab.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The targets, checked against one run's phases: each ratio is between phases of the same
 * run, so a busy or slow machine moves both sides together. A target whose phases were not in the
 * plan is left out rather than reported as missed. (The session cost against a bare GET comes from
 * the JMH microbenchmarks, not from here.)
 *
 * <p>With several rounds ({@code bench --rounds}) each round's phases are checked on their own, and a
 * ratio's floor is judged on its median over the rounds (the lower middle one for an even count), with
 * every round's value in the note; any other check (Redis commands per read) must hold in every round.
 */
final class TargetChecks {
    static final double MIN_RATIO = 0.8;
    static final double MIN_HAPROXY_RATIO = 0.9;
    static final long MAX_START_MILLIS = 2_000;
    static final long MAX_RESIDENT_BYTES = 300L * 1024 * 1024;
    /** Where the users ran matters to this ratio: beside our balancer in one JVM, or apart (docs/BENCHMARKS.md, round 7). */
    static final String USERS_BESIDE_OUR_BALANCER = "; the users ran in this JVM, beside our balancer (--load-process runs them apart)";

    private TargetChecks() {
    }

    static List<BenchReport.TargetCheck> of(List<BenchReport.Phase> phases, BenchReport.LabFacts lab) {
        Map<Integer, List<BenchReport.Phase>> rounds = phases.stream()
                .collect(Collectors.groupingBy(BenchReport.Phase::round, TreeMap::new, Collectors.toList()));
        List<BenchReport.TargetCheck> checks = new ArrayList<>(rounds.size() <= 1 ? phaseChecks(phases)
                : medians(rounds.values().stream().map(TargetChecks::phaseChecks).toList()));
        checks.add(new BenchReport.TargetCheck("lab start-up (ms)", lab.startMillis(), "< " + MAX_START_MILLIS,
                lab.startMillis() < MAX_START_MILLIS, "Lab.start: Redis and every cluster"));
        if (lab.residentBytes() > 0) {
            checks.add(new BenchReport.TargetCheck("lab resident memory after start (MB)", lab.residentBytes() / 1048576.0,
                    "<= 300", lab.residentBytes() <= MAX_RESIDENT_BYTES, "this JVM and its redis-server, idle"));
        }
        return checks;
    }

    /** One check per target name, from each round's checks in round order. */
    static List<BenchReport.TargetCheck> medians(List<List<BenchReport.TargetCheck>> rounds) {
        Map<String, List<BenchReport.TargetCheck>> byTarget = new LinkedHashMap<>();
        rounds.forEach(round -> round.forEach(c -> byTarget.computeIfAbsent(c.target(), k -> new ArrayList<>()).add(c)));
        List<BenchReport.TargetCheck> checks = new ArrayList<>();
        for (List<BenchReport.TargetCheck> each : byTarget.values()) {
            List<BenchReport.TargetCheck> sorted = each.stream().sorted(Comparator.comparingDouble(BenchReport.TargetCheck::measured)).toList();
            BenchReport.TargetCheck median = sorted.get((sorted.size() - 1) / 2);
            boolean floor = median.limit().startsWith(">=");
            boolean met = floor ? median.met() : each.stream().allMatch(BenchReport.TargetCheck::met);
            String values = each.stream().map(c -> String.format(Locale.ROOT, "%.3f", c.measured())).collect(Collectors.joining(", "));
            checks.add(new BenchReport.TargetCheck(median.target(), median.measured(), median.limit(), met,
                    (floor ? "median" : "the middle value") + " of " + each.size() + " rounds (" + values + ", in round order"
                            + (each.size() % 2 == 0 ? "; of the two middle ones the lower" : "") + "); the median round: " + median.note()));
        }
        return checks;
    }

    private static List<BenchReport.TargetCheck> phaseChecks(List<BenchReport.Phase> phases) {
        List<BenchReport.TargetCheck> checks = new ArrayList<>();
        for (String target : List.of("direct", "lb")) {
            find(phases, "redis", target).filter(p -> p.kill() == null).ifPresent(p -> {
                BenchReport.RedisUsage redis = p.redis();
                checks.add(new BenchReport.TargetCheck("redis: commands per authenticated read (" + target + ")",
                        redis.perAuthenticatedRequest(), "exactly 1", redis.commands() == redis.authenticatedRequests(),
                        redis.commands() + " commands " + redis.byCommand() + " for " + redis.authenticatedRequests() + " requests"));
            });
        }
        checks.addAll(nodeRatios(phases, "redis"));
        checks.addAll(nodeRatios(phases, "jwt"));
        for (BenchReport.Phase lb : phases) {
            if (lb.target().equals("lb") && lb.kill() == null) {
                find(phases, lb.strategy(), "direct", lb.users()).ifPresent(direct -> checks.add(ratio(
                        "LB: " + lb.strategy() + " through the balancer vs straight to a node", lb, direct,
                        lb.strategy().equals("in-memory") ? "most answers through the balancer are not-recognised failures" : "")));
            }
        }
        for (BenchReport.Phase lb : phases) {
            if (lb.target().equals("lb") && lb.kill() == null) {
                // On a nodes curve each point is compared with HAProxy over the same number of nodes.
                phases.stream().filter(h -> h.strategy().equals(lb.strategy()) && h.target().equals("haproxy")
                                && h.users() == lb.users() && h.nodes() == lb.nodes() && h.kill() == null)
                        .findFirst().ifPresent(haproxy -> checks.add(ratio(
                                "LB: " + lb.strategy() + " through our balancer vs through HAProxy over the same nodes", lb, haproxy,
                                MIN_HAPROXY_RATIO, lb.nodes() + " nodes" + (lb.loadGenerator().equals("in-process") ? USERS_BESIDE_OUR_BALANCER : ""))));
            }
        }
        return checks;
    }

    /**
     * A node's throughput against the in-memory node's with as many users. On a users curve that is one
     * line per point, and one more comparing each node at its own best point: with few users a node
     * that waits on Redis is held back by its round trips, and only the peaks compare capacity.
     */
    private static List<BenchReport.TargetCheck> nodeRatios(List<BenchReport.Phase> phases, String strategy) {
        String name = strategy + ": node throughput vs in-memory node";
        List<BenchReport.Phase> nodes = direct(phases, strategy);
        List<BenchReport.Phase> bases = direct(phases, "in-memory");
        if (nodes.isEmpty() || bases.isEmpty()) {
            return List.of();
        }
        if (nodes.size() == 1 || bases.size() == 1) {
            return List.of(ratio(name, nodes.get(0), bases.get(0), ""));
        }
        List<BenchReport.TargetCheck> checks = new ArrayList<>();
        for (BenchReport.Phase node : nodes) {
            bases.stream().filter(base -> base.users() == node.users()).findFirst()
                    .ifPresent(base -> checks.add(ratio(name + " at " + node.users() + " users", node, base, "")));
        }
        BenchReport.Phase peak = fastest(nodes);
        BenchReport.Phase basePeak = fastest(bases);
        checks.add(ratio(strategy + ": peak node throughput vs in-memory node's peak", peak, basePeak,
                "at " + peak.users() + " vs " + basePeak.users() + " users"));
        return checks;
    }

    private static List<BenchReport.Phase> direct(List<BenchReport.Phase> phases, String strategy) {
        return phases.stream().filter(p -> p.strategy().equals(strategy) && p.target().equals("direct") && p.kill() == null).toList();
    }

    private static BenchReport.Phase fastest(List<BenchReport.Phase> phases) {
        return phases.stream().max(Comparator.comparingDouble(BenchReport.Phase::throughput)).orElseThrow();
    }

    private static BenchReport.TargetCheck ratio(String name, BenchReport.Phase measured, BenchReport.Phase base, String note) {
        return ratio(name, measured, base, MIN_RATIO, note);
    }

    private static BenchReport.TargetCheck ratio(String name, BenchReport.Phase measured, BenchReport.Phase base,
                                                 double minimum, String note) {
        double ratio = base.throughput() == 0 ? 0 : measured.throughput() / base.throughput();
        double cpuMeasured = measured.cpuMicrosPerRequest() + measured.redisCpuMicrosPerRequest();
        double cpuBase = base.cpuMicrosPerRequest() + base.redisCpuMicrosPerRequest();
        // CPU per request is what a machine's capacity divides by, and it moves less than wall-clock rates
        // when other work shares the cores, so it is shown beside the measured ratio as a cross-check.
        String detail = String.format(java.util.Locale.ROOT,
                "%.0f vs %.0f req/s; CPU %.0f vs %.0f us/req (capacity ratio %.2f); %.1f vs %.1f context switches/req",
                measured.throughput(), base.throughput(), cpuMeasured, cpuBase, cpuMeasured == 0 ? 0 : cpuBase / cpuMeasured,
                measured.switchesPerRequest(), base.switchesPerRequest());
        return new BenchReport.TargetCheck(name, ratio, ">= " + minimum + "x", ratio >= minimum,
                note.isEmpty() ? detail : detail + "; " + note);
    }

    /** On a users curve each point is compared with the phase of the same number of users. */
    private static Optional<BenchReport.Phase> find(List<BenchReport.Phase> phases, String strategy, String target, int users) {
        return phases.stream().filter(p -> p.strategy().equals(strategy) && p.target().equals(target) && p.users() == users).findFirst();
    }

    private static Optional<BenchReport.Phase> find(List<BenchReport.Phase> phases, String strategy, String target) {
        return phases.stream().filter(p -> p.strategy().equals(strategy) && p.target().equals(target)).findFirst();
    }
}
