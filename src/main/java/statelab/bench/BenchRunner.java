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
    private List<Integer> nodesCurve = List.of();
    private boolean alwaysOwnProcess;
    private int rounds = 1;

    /** Above this many users a phase's load generator runs in a JVM of its own ({@link LoadProcess}). */
    public static final int MAX_USERS_IN_PROCESS = 512;
    /** The heap below which a point above {@link #MAX_USERS_IN_PROCESS} users may run the lab out of memory. */
    static final long LARGE_POINT_HEAP_BYTES = 448L * 1024 * 1024;
    /** A cluster grows to at most this many nodes on a nodes curve (the node ids S1..S16). */
    public static final int MAX_NODES = 16;
    /** At most this many rounds ({@link #rounds}): each is every phase again. */
    public static final int MAX_ROUNDS = 9;

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

    /**
     * Makes {@link #run} a nodes curve: for each strategy the cluster grows to each number of nodes
     * given here in turn (ascending; {@link Lab#addNode}-style, one node at a time, each seen healthy by
     * the balancer before the next point), and every target is measured there with the plan's users.
     * After each strategy the lab is reset, which removes the nodes added. Every point must be at least
     * the lab's nodes per cluster, since a curve only grows a cluster.
     */
    public BenchRunner nodesCurve(List<Integer> nodes) {
        int start = lab.config().nodesPerCluster();
        for (int n : nodes) {
            if (n < 1 || n > MAX_NODES) {
                throw new IllegalArgumentException("a nodes curve's points must be between 1 and " + MAX_NODES);
            }
            if (n < start) {
                throw new IllegalArgumentException("the lab starts with " + start + " nodes per cluster and a curve only adds nodes: "
                        + "every point must be at least " + start);
            }
        }
        if (plan.targets().contains(Target.DIRECT)) {
            throw new IllegalArgumentException("a nodes curve measures balancers (lb, haproxy); direct is one node whatever the cluster");
        }
        this.nodesCurve = nodes.stream().distinct().sorted().toList();
        return this;
    }

    /**
     * Runs the plan's phases {@code n} times over, interleaved (every strategy and target once, then all
     * again), so that a machine that slows down for a while slows every strategy's phases alike. Each
     * target is then judged by its median over the rounds ({@link TargetChecks}). Not with a curve.
     */
    public BenchRunner rounds(int n) {
        checkRounds(n, !(usersCurve.isEmpty() && nodesCurve.isEmpty()));
        this.rounds = n;
        return this;
    }

    /** Refuses {@code n} rounds that {@link #rounds} would refuse, for a caller that checks before a lab starts. */
    public static void checkRounds(int n, boolean curve) {
        if (n < 1 || n > MAX_ROUNDS) {
            throw new IllegalArgumentException("--rounds must be between 1 and " + MAX_ROUNDS);
        }
        if (n > 1 && curve) {
            throw new IllegalArgumentException("--rounds repeats one load per phase; a curve is one run per point, so not with --curve");
        }
    }

    /** Runs every phase's load generator in a JVM of its own, not only those above {@link #MAX_USERS_IN_PROCESS} users. */
    public BenchRunner loadInOwnProcess(boolean always) {
        this.alwaysOwnProcess = always;
        return this;
    }

    /** Runs every phase; {@code facts} are the lab's start-up figures, measured by whoever started it. */
    public BenchReport run(BenchReport.LabFacts facts) throws Exception {
        MachineInfo machine = MachineInfo.current();
        List<BenchReport.Phase> phases = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            if (rounds > 1) {
                progress.note("round " + round + " of " + rounds);
            }
            for (Strategy strategy : plan.strategies()) {
                if (!nodesCurve.isEmpty()) {
                    growing(strategy, phases);
                    continue;
                }
                for (Target target : plan.targets()) {
                    for (int users : usersCurve.isEmpty() ? List.of(plan.users()) : usersCurve) {
                        phases.add(phase(strategy, target, users, phases.isEmpty()).inRound(round));
                    }
                }
            }
        }
        BenchReport.LabFacts finished = new BenchReport.LabFacts(facts.startMillis(), facts.residentBytes(),
                ProcessMetrics.jvmPeakResidentBytes());
        return new BenchReport(machine, options(), finished, phases, TargetChecks.of(phases, finished));
    }

    private BenchReport.Phase phase(Strategy strategy, Target target, int users, boolean first) throws Exception {
        BenchPlan point = new BenchPlan(plan.strategies(), plan.targets(), users, plan.warmup(), plan.jitWarmup(),
                plan.duration(), plan.rate(), plan.kills());
        java.time.Duration warmup = first ? plan.warmup().plus(plan.jitWarmup()) : plan.warmup();
        boolean ownProcess = alwaysOwnProcess || users > MAX_USERS_IN_PROCESS;
        if (users > MAX_USERS_IN_PROCESS && Runtime.getRuntime().maxMemory() < LARGE_POINT_HEAP_BYTES) {
            // With the users elsewhere, the lab's own servers still hold a connection per user, twice over behind a balancer.
            progress.note("[" + strategy.key() + " " + target.key() + "] warning: " + users + " users, and this JVM's heap is "
                    + Runtime.getRuntime().maxMemory() / 1048576 + " MB; the lab's balancer and nodes needed about 500 MB for 2,000 "
                    + "users in docs/BENCHMARKS.md: start the bench with -Xmx512m");
        }
        return new PhaseRun(lab.cluster(strategy), target, point, warmup, progress, lab.redisAccess().admin(), ownProcess).run();
    }

    /** One strategy's nodes curve: grow its cluster point by point, measure each target there, then reset the lab. */
    private void growing(Strategy strategy, List<BenchReport.Phase> phases) throws Exception {
        statelab.lab.Cluster cluster = lab.cluster(strategy);
        boolean grown = false;
        try {
            for (int nodes : nodesCurve) {
                while (cluster.nodes().size() < nodes) {
                    progress.note("[" + strategy.key() + "] adding a node: " + (cluster.nodes().size() + 1) + " of " + nodes);
                    cluster.addNode();
                    grown = true;
                }
                for (Target target : plan.targets()) {
                    phases.add(phase(strategy, target, plan.users(), phases.isEmpty()));
                }
            }
        } finally {
            if (grown) {
                progress.note("[" + strategy.key() + "] resetting the lab: the nodes added are removed");
                lab.reset();
            }
        }
    }

    /** The lab's start-up figures: call right after {@code Lab.start} returned, with how long it took. */
    public static BenchReport.LabFacts labFacts(long startMillis) {
        return new BenchReport.LabFacts(startMillis, ProcessMetrics.labResidentBytes(), ProcessMetrics.jvmPeakResidentBytes());
    }

    /**
     * What a nodes curve can and cannot show on this machine: every node shares the same cores with
     * the balancer and the load generator, so nodes beyond the cores add no CPU.
     */
    public static String nodesNote(List<Integer> nodes, int cores) {
        int most = nodes.stream().mapToInt(Integer::intValue).max().orElse(1);
        if (most <= cores) {
            return "every node runs on this machine's " + cores + " cores, beside the balancer and the load generator";
        }
        return "this machine has " + cores + " cores, shared by every node, the balancer and the load generator: nodes beyond "
                + cores + " add no CPU, so the curve shows what coordinating more nodes costs, not what scaling out gains";
    }

    private Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("strategies", plan.strategies().stream().map(Strategy::key).toList());
        options.put("targets", plan.targets().stream().map(Target::key).toList());
        options.put("users", usersCurve.isEmpty() ? plan.users() : usersCurve);
        if (!nodesCurve.isEmpty()) {
            options.put("nodes", nodesCurve);
            options.put("nodesNote", nodesNote(nodesCurve, MachineInfo.current().cores()));
        }
        options.put("loadGenerator", alwaysOwnProcess ? "own-process" : "in-process up to " + MAX_USERS_IN_PROCESS
                + " users, own-process above");
        options.put("signIns", "at most " + PhaseRun.MAX_SIGN_INS + " users per phase sign in; the others share their sessions");
        options.put("warmupSeconds", plan.warmup().toMillis() / 1000.0);
        options.put("jitWarmupSeconds", plan.jitWarmup().toMillis() / 1000.0);
        options.put("durationSeconds", plan.duration().toMillis() / 1000.0);
        options.put("rounds", rounds);
        options.put("rateCap", plan.rate());
        // What the nodes serve on moves the redis node's figures (docs/BENCHMARKS.md, "Node threads").
        options.put("nodeThreads", lab.config().nodeThreads().key());
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
