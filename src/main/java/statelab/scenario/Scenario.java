package statelab.scenario;

import java.util.List;

/**
 * A named list of steps, parsed from a scenario file (see docs/SCENARIOS.md).
 *
 * @param users the password of each user the scenario signs in as (from its {@code as} lines)
 */
public record Scenario(String name, List<Step> steps, java.util.Map<String, String> users) {
    public Scenario {
        steps = List.copyOf(steps);
        users = java.util.Map.copyOf(users);
    }
}
