package statelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.SeedTable;
import statelab.LabFixture;

/** The lesson's scenario on real servers gives exactly the table of docs/LAB-SEMANTICS.md. */
class SeedScenarioIT {
    @RegisterExtension
    static final LabFixture testLab = LabFixture.standard();
    private static ScenarioReport report;

    @BeforeAll
    static void run_the_seed_scenario() throws Exception {
        Scenario seed = Scenarios.seed();
        try (ScenarioRunner runner = new ScenarioRunner(testLab.lab(), seed.users())) {
            report = runner.run(seed, step -> { });
        }
    }

    @Test
    void the_steps_are_eight_requests_around_one_kill() {
        List<String> actions = report.steps().stream().map(StepReport::action).toList();

        assertThat(actions).containsExactly("POST /login", "GET /profile", "POST /settings", "GET /dashboard", "kill S1",
                "GET /profile", "POST /settings", "GET /dashboard", "GET /profile");
        assertThat(report.steps().get(5).index()).isEqualTo(5);
    }

    @Test
    void in_memory_succeeds_only_on_the_node_that_holds_the_session() {
        assertThat(row("in-memory")).isEqualTo(SeedTable.IN_MEMORY);
    }

    @Test
    void sticky_works_until_the_pinned_node_dies_then_stays_on_one_new_node() {
        SeedTable.assertSticky(row("sticky"));
    }

    @Test
    void redis_and_jwt_succeed_everywhere_in_round_robin_order() {
        assertThat(row("redis")).isEqualTo(SeedTable.EVERYWHERE);
        assertThat(row("jwt")).isEqualTo(SeedTable.EVERYWHERE);
    }

    @Test
    void the_totals_are_those_of_the_lesson_and_nothing_failed_as_node_down() {
        SeedTable.TOTALS.forEach((strategy, totals) -> {
            ScenarioReport.Totals t = report.totals(strategy);
            assertThat(new int[] {t.success(), t.failure()}).as(strategy).containsExactly(totals);
            assertThat(t.byKind()).as(strategy).doesNotContainKey(statelab.session.FailureKind.NODE_DOWN.key());
        });
    }

    @Test
    void each_verdict_is_derived_from_what_happened() {
        assertThat(report.verdict("in-memory")).startsWith("2 of 8 requests succeeded").contains("Only S1");
        assertThat(report.verdict("sticky")).startsWith("4 of 8 requests succeeded").contains("until it crashed");
        assertThat(report.verdict("redis")).startsWith("8 of 8 requests succeeded").contains("lost nothing");
    }

    @Test
    void the_json_document_has_the_fields_others_rely_on() {
        var json = ScenarioJson.of(report);

        assertThat(json.get("scenario").asText()).isEqualTo("seed");
        assertThat(json.get("strategies")).hasSize(4);
        var first = json.get("steps").get(0);
        assertThat(first.get("index").asInt()).isEqualTo(1);
        assertThat(first.get("action").asText()).isEqualTo("POST /login");
        assertThat(first.get("results").get("jwt").get("outcome").asText()).isEqualTo("success");
        assertThat(json.get("steps").get(4).get("action").asText()).isEqualTo("kill S1");
        assertThat(json.get("steps").get(1).get("results").get("in-memory").get("kind").asText()).isEqualTo("not-recognised");
        assertThat(json.get("totals").get("sticky").get("success").asInt()).isEqualTo(4);
    }

    private static List<String> row(String strategy) {
        List<String> cells = new ArrayList<>();
        report.results(strategy).forEach(r -> cells.add(r.summary()));
        return cells;
    }
}
