package statelab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import statelab.LabFixture;
import statelab.TestLab;

/** Runs a built-in state lab on a test lab and answers its JSON document, as {@code run NAME --json} prints it. */
final class StateLabRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StateLabRun() {
    }

    static JsonNode json(LabFixture lab, String name) throws Exception {
        return json(lab.testLab(), name);
    }

    static JsonNode json(TestLab lab, String name) throws Exception {
        Scenario scenario = Scenarios.builtIn(name).orElseThrow();
        try (ScenarioRunner runner = new ScenarioRunner(lab.lab(), scenario.users())) {
            ScenarioReport report = runner.run(scenario, step -> { });
            return JSON.readTree(ScenarioJson.text(report));
        }
    }

    static JsonNode expected(String json) throws Exception {
        return JSON.readTree(json);
    }
}
