package statelab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import statelab.lab.Lab;
import statelab.lab.LabConfig;
import statelab.scenario.Scenario;
import statelab.scenario.ScenarioCheck;
import statelab.scenario.ScenarioJson;
import statelab.scenario.ScenarioReport;
import statelab.scenario.ScenarioRunner;
import statelab.scenario.ScenarioSyntaxException;
import statelab.scenario.ScenarioTable;
import statelab.scenario.Scenarios;

/**
 * Plays a scenario headless on a fresh lab: the built-in {@code seed}, or a scenario file (a relative
 * path from the folder the command was typed in). The whole file is checked against the lab it asks
 * for before anything starts: a mistake is exit code 2 with {@code file:line:}, and nothing runs.
 * Prints the side-by-side table as it goes (or, with {@code --json}, one JSON document at the end).
 */
@Command(name = "run", description = "Run a scenario headless on a fresh lab: 'seed', a state lab (cache, uploads, rate-limit, lost-update, rolling-restart, scale-out: docs/STATE-LABS.md), a scenario file (docs/SCENARIOS.md), or 'failover' (with --redis-ha: kill the Redis primary under load).")
final class RunCommand implements Callable<Integer> {

    @CommandLine.Parameters(index = "0", paramLabel = "SCENARIO", description = "'seed', a state lab's name, 'failover' or the path of a scenario file.")
    String scenario;

    @CommandLine.Option(names = "--json", description = "Print one JSON document (docs/LAB-SEMANTICS.md; a state lab's has figures, docs/STATE-LABS.md) instead of the table.")
    boolean json;

    @CommandLine.Mixin
    LabOptions lab = new LabOptions();

    @CommandLine.Option(names = "--target", paramLabel = "KIND=URL",
            description = "Drive a cluster you run instead of a fresh lab: its kind and its balancer's URL, e.g. redis=http://10.0.0.3:8080 (repeat for more columns).")
    java.util.LinkedHashMap<String, String> targets = new java.util.LinkedHashMap<>();

    @CommandLine.Option(names = "--on-kill", paramLabel = "NODE=COMMAND",
            description = "With --target: the shell command a 'kill NODE' step runs (it must crash NODE in every target cluster).")
    java.util.Map<String, String> onKill = new java.util.HashMap<>();

    @CommandLine.Option(names = "--on-restart", paramLabel = "NODE=COMMAND",
            description = "With --target: the shell command a 'restart NODE' step runs (return once the node answers).")
    java.util.Map<String, String> onRestart = new java.util.HashMap<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (scenario.equals(FailoverRun.NAME)) {
            return new FailoverRun(lab.config(), json).call(spec.commandLine().getOut());
        }
        LabConfig config = lab.config();
        Scenario loaded;
        try {
            loaded = Scenarios.load(scenario, CallerFolder.get());
            if (targets.isEmpty()) {
                // Clusters someone else runs have nodes the lab cannot know; the remote target checks its own limits.
                ScenarioCheck.against(loaded, config.nodesPerCluster(), config.externalRedis().isEmpty());
            }
        } catch (ScenarioSyntaxException | IOException e) {
            throw new UsageProblem(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!targets.isEmpty()) {
            try (OrderlyStop stop = OrderlyStop.watching(System.err)) {
                play(loaded, stop.add(new ScenarioRunner(Targets.remote(targets, onKill, onRestart, loaded), loaded.users())), out);
            }
            return 0;
        }
        if (!onKill.isEmpty() || !onRestart.isEmpty()) {
            throw new UsageProblem("--on-kill and --on-restart go with --target: on the lab's own clusters, kill and restart need no command");
        }
        try (OrderlyStop stop = OrderlyStop.watching(System.err)) {
            Lab running = stop.add(Lab.start(config));
            play(loaded, stop.add(new ScenarioRunner(running, loaded.users())), out);
        }
        return 0;
    }

    private void play(Scenario loaded, ScenarioRunner runner, PrintWriter out) throws Exception {
        {
            List<String> strategies = runner.clusterKeys();
            if (!json) {
                out.println("scenario " + loaded.name() + " on " + strategies.size() + " clusters\n");
                if (loaded.steps().stream().anyMatch(statelab.scenario.Step::isRequest)) {
                    out.println(ScenarioTable.header(strategies));
                }
            }
            ScenarioReport report = runner.run(loaded, step -> {
                if (!json && !OrderlyStop.interrupted()) {
                    out.println(ScenarioTable.row(step, strategies));
                }
            });
            out.println(json ? ScenarioJson.text(report) : ScenarioTable.footer(report));
        }
        out.flush();
    }
}
