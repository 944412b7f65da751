package statelab.scenario;

import java.util.List;
import java.util.Map;

/**
 * A named list of steps, parsed from a scenario file (see docs/SCENARIOS.md).
 *
 * @param name   the scenario's name (its {@code scenario} line, else the source)
 * @param source where it was read from, as the user named it: error messages start {@code source:line:}
 * @param steps  the steps in order
 * @param lines  the line each step came from, one per step ({@code repeat} gives its line to every copy)
 * @param users  the password of each user the scenario signs in as (from its {@code as} lines)
 */
public record Scenario(String name, String source, List<Step> steps, List<Integer> lines, Map<String, String> users) {
    public Scenario {
        steps = List.copyOf(steps);
        lines = List.copyOf(lines);
        users = Map.copyOf(users);
        if (lines.size() != steps.size()) {
            throw new IllegalArgumentException("one line number per step: " + steps.size() + " steps, " + lines.size() + " lines");
        }
    }
}
