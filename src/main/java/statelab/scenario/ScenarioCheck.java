package statelab.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * What a scenario file asks of the lab it will run on, checked before anything runs: every node a
 * step names exists by then ({@code kill S9} on a lab of three is refused, while {@code add node}
 * then {@code kill S4} is fine), and Redis is only stopped or started when the lab runs its own.
 * The parser checks each line alone; this checks the lines together against the lab's shape.
 */
public final class ScenarioCheck {
    private ScenarioCheck() {
    }

    /**
     * Throws at the first step the lab could not do, naming its file and line.
     *
     * @param nodesAtStart nodes per cluster when the scenario starts (S1..Sn)
     * @param ownRedis     whether the lab runs its own Redis (false with {@code --redis URL})
     */
    public static void against(Scenario scenario, int nodesAtStart, boolean ownRedis) throws ScenarioSyntaxException {
        int nodes = nodesAtStart;
        for (int i = 0; i < scenario.steps().size(); i++) {
            Step step = scenario.steps().get(i);
            int line = scenario.lines().get(i);
            switch (step) {
                case Step.AddNode add -> nodes++;
                case Step.Kill kill -> requireNode(scenario, line, kill.node(), nodes);
                case Step.Restart restart -> requireNode(scenario, line, restart.node(), nodes);
                case Step.StateLab lab when lab.step() instanceof StateStep.Drain drain -> requireNode(scenario, line, drain.node(), nodes);
                case Step.StopRedis stop -> requireOwnRedis(scenario, line, ownRedis, "stop redis");
                case Step.StartRedis start -> requireOwnRedis(scenario, line, ownRedis, "start redis");
                default -> { }
            }
        }
    }

    private static void requireNode(Scenario scenario, int line, String node, int nodes) throws ScenarioSyntaxException {
        int number = Integer.parseInt(node.substring(1));
        if (number > nodes) {
            throw new ScenarioSyntaxException(scenario.source(), line, "no node " + node + " at this point: the clusters have "
                    + names(nodes) + " (start with --nodes N, or put 'add node' before this line)");
        }
    }

    private static void requireOwnRedis(Scenario scenario, int line, boolean ownRedis, String what) throws ScenarioSyntaxException {
        if (!ownRedis) {
            throw new ScenarioSyntaxException(scenario.source(), line, "'" + what + "' needs the lab's own Redis; "
                    + "with --redis URL the lab can neither stop nor start it");
        }
    }

    private static String names(int nodes) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            ids.add("S" + i);
        }
        return nodes == 1 ? "only S1" : String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.getLast();
    }
}
