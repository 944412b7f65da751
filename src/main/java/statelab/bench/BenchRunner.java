package statelab.bench;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import statelab.lab.Lab;
import statelab.lab.Strategy;

/**
 * Runs a {@link BenchPlan} against a running lab, one phase at a time (on a small machine two
 * phases at once would measure each other): for each strategy, through its balancer and then
 * straight to its first node. Sends only to the lab's own loopback servers.
 *
 * <p>Contract: the lab is left as it was found (a killed node is restarted); the report holds one
 * phase per strategy and target, in plan order, and the target checks for whatever the plan covered.
 */
public final class BenchRunner {
    private final Lab lab;
    private final BenchPlan plan;
    private final Progress progress;
    private List<Integer> usersCurve = List.of();

    /**
     * @param progressOut where the progress line goes (standard error on the command line)
     * @param terminal    whether that is a terminal, where the line is rewritten in place
     */
    public BenchRunner(Lab lab, BenchPlan plan, PrintStream progressOut, boolean terminal) {
        this.lab = lab;
        this.plan = plan;
        this.progress = new Progress(progressOut, terminal);
        String redisHost = URI.create(lab.redis().url()).getHost();
        if (!List.of("127.0.0.1", "localhost", "::1", "[::1]").contains(redisHost)) {
            throw new IllegalArgumentException("bench reads Redis counters on loopback only, not " + lab.redis().url());
        }
        if (lab.config().https()) {
            throw new IllegalArgumentException("bench speaks plain HTTP to the balancers; run it without --https");
        }
        plan.kill().ifPresent(k -> {
            boolean known = lab.clusters().get(0).nodes().stream().anyMatch(n -> n.id().equals(k.node()));
            if (!known) {
                throw new IllegalArgumentException("--kill " + k.node() + ": the clusters have no such node");
            }
        });
    }

    /**
     * Makes {@link #run} a cost curve: every strategy and target is measured once per number of users
     * given here (each a phase of its own) instead of once with the plan's users.
     */
    public BenchRunner usersCurve(List<Integer> users) {
        for (int n : users) {
            if (n < 1 || n > BenchPlan.MAX_USERS) {
                throw new IllegalArgumentException("users must be between 1 and " + BenchPlan.MAX_USERS);
            }
        }
        this.usersCurve = List.copyOf(users);
        return this;
    }

    /** Runs every phase; {@code facts} are the lab's start-up figures, measured by whoever started it. */
    public BenchReport run(BenchReport.LabFacts facts) throws Exception {
        MachineInfo machine = MachineInfo.current();
        List<BenchReport.Phase> phases = new ArrayList<>();
        for (Strategy strategy : plan.strategies()) {
            for (Target target : plan.targets()) {
                for (int users : usersCurve.isEmpty() ? List.of(plan.users()) : usersCurve) {
                    BenchPlan point = new BenchPlan(plan.strategies(), plan.targets(), users, plan.warmup(), plan.jitWarmup(),
                            plan.duration(), plan.rate(), plan.kills());
                    java.time.Duration warmup = phases.isEmpty() ? plan.warmup().plus(plan.jitWarmup()) : plan.warmup();
                    phases.add(new PhaseRun(lab.cluster(strategy), target, point, warmup, progress, lab.redis().url()).run());
                }
            }
        }
        BenchReport.LabFacts finished = new BenchReport.LabFacts(facts.startMillis(), facts.residentBytes(),
                ProcessMetrics.jvmPeakResidentBytes());
        return new BenchReport(machine, options(), finished, phases, TargetChecks.of(phases, finished));
    }

    /** The lab's start-up figures: call right after {@code Lab.start} returned, with how long it took. */
    public static BenchReport.LabFacts labFacts(long startMillis) {
        return new BenchReport.LabFacts(startMillis, ProcessMetrics.labResidentBytes(), ProcessMetrics.jvmPeakResidentBytes());
    }

    private Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("strategies", plan.strategies().stream().map(Strategy::key).toList());
        options.put("targets", plan.targets().stream().map(Target::key).toList());
        options.put("users", usersCurve.isEmpty() ? plan.users() : usersCurve);
        options.put("signIns", "at most " + PhaseRun.MAX_SIGN_INS + " users per phase sign in; the others share their sessions");
        options.put("warmupSeconds", plan.warmup().toMillis() / 1000.0);
        options.put("jitWarmupSeconds", plan.jitWarmup().toMillis() / 1000.0);
        options.put("durationSeconds", plan.duration().toMillis() / 1000.0);
        options.put("rateCap", plan.rate());
        // Under a rate cap each request is timed from its slot in the schedule, so a stall counts for every
        // request it held back (no coordinated omission); without one, from when it was sent.
        options.put("latencyFrom", plan.rate() > 0 ? "intended send time" : "send time");
        options.put("nodesPerCluster", lab.config().nodesPerCluster());
        options.put("jwtRevocation", lab.jwtRevocation());
        plan.kill().ifPresent(k -> {
            options.put("kill", k.node());
            options.put("killAtSeconds", k.at().toMillis() / 1000.0);
        });
        return options;
    }
}
