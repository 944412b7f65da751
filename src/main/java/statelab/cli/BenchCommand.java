package statelab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import statelab.bench.BenchChart;
import statelab.bench.BenchJson;
import statelab.bench.BenchPlan;
import statelab.bench.BenchReport;
import statelab.bench.BenchRunner;
import statelab.bench.BenchTable;
import statelab.bench.Durations;
import statelab.bench.KillPlan;
import statelab.bench.Target;
import statelab.bench.jmh.Microbenchmarks;
import statelab.lab.Lab;
import statelab.lab.NodeThreads;
import statelab.lab.Strategy;

/**
 * {@code statelab bench}: starts a lab and puts each strategy under load through its balancer and
 * straight to one node, then prints a table (or, with {@code --json}, one JSON document) and writes
 * an SVG chart. With {@code --micro} it runs the JMH microbenchmarks instead. Sends only to the
 * lab's own loopback servers. See docs/BENCHMARKS.md.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure each strategy under load through its balancer and straight to a node (docs/BENCHMARKS.md).")
final class BenchCommand implements Callable<Integer> {

    @CommandLine.Option(names = "--users", paramLabel = "N", description = "Virtual users per phase, each on its own connection (default: ${DEFAULT-VALUE}).", defaultValue = "32")
    int users;

    @CommandLine.Option(names = "--duration", paramLabel = "TIME", description = "Measured time per phase, e.g. 10s, 500ms, 1m (default: ${DEFAULT-VALUE}).", defaultValue = "10s")
    String duration;

    @CommandLine.Option(names = "--warmup", paramLabel = "TIME", description = "Unmeasured load before each phase, for the JIT (default: ${DEFAULT-VALUE}).", defaultValue = "3s")
    String warmup;

    @CommandLine.Option(names = "--jit-warmup", paramLabel = "TIME", description = "Extra warm-up before the first phase only, so no phase is measured on a cold JIT (default: ${DEFAULT-VALUE}).", defaultValue = "10s")
    String jitWarmup;

    @CommandLine.Option(names = "--rate", paramLabel = "N", description = "At most N requests per second for all users together; 0 for no cap (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    int rate;

    @CommandLine.Option(names = "--strategies", paramLabel = "LIST", split = ",", description = "Cluster kinds to measure, comma-separated keys (default: all).")
    List<String> strategies = new ArrayList<>();

    @CommandLine.Option(names = "--targets", paramLabel = "LIST", split = ",", description = "lb (our balancer), haproxy (HAProxy over the same nodes, started per phase), direct (the first node); default: lb,direct.")
    List<String> targets = new ArrayList<>(List.of("lb", "direct"));

    @CommandLine.Option(names = "--kill", paramLabel = "NODE", description = "Kill this node (e.g. S1) mid-run in each phase through a balancer, and report the recovery.")
    String kill;

    @CommandLine.Option(names = "--at", paramLabel = "TIME", description = "When to kill, from the end of the warm-up (default: half the duration).")
    String killAt;

    @CommandLine.Option(names = "--rounds", paramLabel = "N", description = "Run every phase N times, interleaved, and judge each target by its median (1 to "
            + BenchRunner.MAX_ROUNDS + "; default: ${DEFAULT-VALUE}).", defaultValue = "1")
    int rounds;

    @CommandLine.Option(names = "--json", description = "Print one JSON document instead of the table.")
    boolean json;

    @CommandLine.Option(names = "--chart", paramLabel = "FILE", description = "Where to write the SVG chart (default: ${DEFAULT-VALUE}).", defaultValue = "statelab-bench.svg")
    Path chart;

    @CommandLine.Option(names = "--micro", description = "Run the JMH microbenchmarks (session resolution next to its floor) instead of the load test.")
    boolean micro;

    @CommandLine.Option(names = "--curve", paramLabel = "KIND", description = "A cost curve instead of one load per phase: users (throughput and p50/p99 against users), "
            + "nodes (the same against nodes behind the balancer, with --users users, default 64; targets lb and haproxy) or memory (bytes per session against sessions held).")
    String curve;

    @CommandLine.Option(names = "--points", paramLabel = "LIST", split = ",", description = "The curve's points (default: users 1,8,64,512,2000; nodes 1,3,6,9, up to 16; memory 1000,10000,100000, up to 1000000).")
    List<Integer> points = new ArrayList<>();

    @CommandLine.Option(names = "--load-process", description = "Run the virtual users of every phase in a JVM of their own (always so above "
            + BenchRunner.MAX_USERS_IN_PROCESS + " users).")
    boolean loadProcess;

    @CommandLine.Mixin
    LabOptions lab = new LabOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (micro) {
            return Microbenchmarks.run(new String[0]);
        }
        if (lab.https) {
            throw new UsageProblem("bench speaks plain HTTP to the balancers; run it without --https");
        }
        if (curve != null && !List.of("users", "nodes", "memory").contains(curve)) {
            throw new UsageProblem("--curve takes users, nodes or memory");
        }
        if (!points.isEmpty() && curve == null) {
            throw new UsageProblem("--points needs --curve users, nodes or memory");
        }
        try {
            BenchRunner.checkRounds(rounds, curve != null);
        } catch (IllegalArgumentException e) {
            throw new UsageProblem(e.getMessage());
        }
        if ("nodes".equals(curve)) {
            nodesCurveDefaults();
        }
        if ("memory".equals(curve)) {
            return memoryCurve();
        }
        BenchPlan plan = plan();
        Path chartFile = chart.toAbsolutePath();
        long started = System.nanoTime();
        BenchReport report;
        try (OrderlyStop stop = OrderlyStop.watching(System.err)) {
            Lab running = stop.add(Lab.start(lab.config(NodeThreads.VIRTUAL)));
            BenchReport.LabFacts facts = BenchRunner.labFacts((System.nanoTime() - started) / 1_000_000);
            BenchRunner runner;
            try {
                runner = new BenchRunner(running, plan, System.err, System.console() != null);
                if ("users".equals(curve)) {
                    runner.usersCurve(points.isEmpty() ? USERS_CURVE : points);
                }
                if ("nodes".equals(curve)) {
                    runner.nodesCurve(points);
                }
                runner.loadInOwnProcess(loadProcess);
                runner.rounds(rounds);
            } catch (IllegalArgumentException e) {
                throw new UsageProblem(e.getMessage());
            }
            report = runner.run(facts);
        }
        try {
            String svg = switch (curve == null ? "" : curve) {
                case "users" -> statelab.bench.CurveChart.svg(report);
                case "nodes" -> statelab.bench.CurveChart.nodes(report);
                default -> BenchChart.svg(report);
            };
            Files.writeString(chartFile, svg, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageProblem("the chart could not be written to " + chartFile + " (" + e.getMessage() + ")");
        }
        spec.commandLine().getOut().print(json ? BenchJson.text(report) + "\n" : BenchTable.text(report));
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().println("chart written to " + chartFile);
        return report.phases().stream().allMatch(p -> p.signedIn() == 0) ? 1 : 0;
    }

    private static final List<Integer> USERS_CURVE = List.of(1, 8, 64, 512, 2000);
    private static final List<Integer> NODES_CURVE = List.of(1, 3, 6, 9);
    private static final int NODES_CURVE_USERS = 64;

    /**
     * A nodes curve starts each cluster at its smallest point (the lab is started with that many
     * nodes) and grows it; unless told otherwise it measures our balancer with 64 users.
     */
    private void nodesCurveDefaults() throws UsageProblem {
        if (points.isEmpty()) {
            points = new ArrayList<>(NODES_CURVE);
        }
        if (points.stream().anyMatch(n -> n < 1 || n > BenchRunner.MAX_NODES)) {
            throw new UsageProblem("--points for the nodes curve must be between 1 and " + BenchRunner.MAX_NODES);
        }
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        if (!given.hasMatchedOption("--targets")) {
            targets = new ArrayList<>(List.of("lb"));
        }
        if (!given.hasMatchedOption("--users")) {
            users = NODES_CURVE_USERS;
        }
        if (targets.stream().anyMatch(t -> t.trim().equals("direct"))) {
            throw new UsageProblem("a nodes curve measures balancers (lb, haproxy); direct is one node whatever the cluster");
        }
        lab.nodes = points.stream().mapToInt(Integer::intValue).min().orElse(1);
    }

    private int memoryCurve() throws Exception {
        List<Integer> sessions = points.isEmpty() ? statelab.bench.MemoryCurve.DEFAULT_POINTS : points;
        if (sessions.stream().anyMatch(n -> n < 1 || n > statelab.bench.MemoryCurve.MAX_POINT)) {
            throw new UsageProblem("--points for the memory curve must be between 1 and " + statelab.bench.MemoryCurve.MAX_POINT);
        }
        List<statelab.bench.MemoryCurve.Point> measured;
        try (OrderlyStop stop = OrderlyStop.watching(System.err)) {
            Lab running = stop.add(Lab.start(lab.config(NodeThreads.VIRTUAL)));
            measured = statelab.bench.MemoryCurve.measure(sessions, running.redisAccess());
        }
        spec.commandLine().getOut().print(json
                ? statelab.json.Json.prettyWriter()
                        .writeValueAsString(java.util.Map.of("memoryPerSession", measured)) + "\n"
                : statelab.bench.MemoryCurve.table(measured));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private BenchPlan plan() throws UsageProblem {
        try {
            List<Strategy> chosen = new ArrayList<>();
            if (strategies.isEmpty()) {
                chosen.addAll(Strategy.values());
            }
            for (String key : strategies) {
                chosen.add(Strategy.fromKey(key.trim()).orElseThrow(() -> new IllegalArgumentException(
                        "no strategy '" + key + "' (" + statelab.lab.ClusterKinds.keys() + ")")));
            }
            List<Target> where = targets.stream().map(t -> Target.fromKey(t.trim())).distinct().toList();
            Duration measured = Durations.parse(duration);
            Optional<KillPlan> killPlan = Optional.ofNullable(kill).map(node -> new KillPlan(node,
                    killAt == null ? measured.dividedBy(2) : Durations.parse(killAt)));
            if (killPlan.isEmpty() && killAt != null) {
                throw new IllegalArgumentException("--at needs --kill NODE");
            }
            if (killPlan.isPresent() && !killPlan.get().node().matches("S([1-9]|1[0-6])")) {
                throw new IllegalArgumentException("--kill takes a node id such as S1");
            }
            return new BenchPlan(chosen, where, users, Durations.parse(warmup), Durations.parse(jitWarmup), measured, rate, killPlan.stream().toList());
        } catch (IllegalArgumentException e) {
            throw new UsageProblem(e.getMessage());
        }
    }
}
