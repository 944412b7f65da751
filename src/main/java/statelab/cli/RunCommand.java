package statelab.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import statelab.lab.Cluster;
import statelab.lab.Lab;
import statelab.scenario.Scenario;
import statelab.scenario.ScenarioJson;
import statelab.scenario.ScenarioReport;
import statelab.scenario.ScenarioRunner;
import statelab.scenario.ScenarioSyntaxException;
import statelab.scenario.ScenarioTable;
import statelab.scenario.Scenarios;

/**
 * Plays a scenario headless on a fresh lab: the built-in {@code seed}, or a scenario file. Prints the
 * side-by-side table as it goes (or, with {@code --json}, one JSON document at the end).
 */
@Command(name = "run", description = "Run a scenario headless on a fresh lab: 'seed', a scenario file (docs/SCENARIOS.md), or 'failover' (with --redis-ha: kill the Redis primary under load).")
final class RunCommand implements Callable<Integer> {

    @CommandLine.Parameters(index = "0", paramLabel = "SCENARIO", description = "'seed', 'failover' or the path of a scenario file.")
    String scenario;

    @CommandLine.Option(names = "--json", description = "Print one JSON document (lab-semantics.md) instead of the table.")
    boolean json;

    @CommandLine.Mixin
    LabOptions lab = new LabOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (scenario.equals(FailoverRun.NAME)) {
            return new FailoverRun(lab.config(), json).call(spec.commandLine().getOut());
        }
        Scenario loaded;
        try {
            loaded = Scenarios.load(scenario);
        } catch (ScenarioSyntaxException | IOException e) {
            throw new UsageProblem(e.getMessage());
        }
        java.io.PrintWriter out = spec.commandLine().getOut();
        try (Lab running = Lab.start(lab.config());
             ScenarioRunner runner = new ScenarioRunner(running, loaded.users())) {
            List<String> strategies = running.clusters().stream().map(Cluster::strategy).map(s -> s.key()).toList();
            if (!json) {
                out.println("scenario " + loaded.name() + " on " + strategies.size() + " clusters\n");
                out.println(ScenarioTable.header(strategies));
            }
            ScenarioReport report = runner.run(loaded, step -> {
                if (!json) {
                    out.println(ScenarioTable.row(step, strategies));
                }
            });
            out.println(json ? ScenarioJson.text(report) : ScenarioTable.footer(report));
        }
        out.flush();
        return 0;
    }
}
