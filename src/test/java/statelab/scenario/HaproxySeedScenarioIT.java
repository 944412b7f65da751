package statelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import statelab.TestLab;
import statelab.lab.BalancerKinds;
import statelab.lab.LabConfig;

/** The lesson's scenario with HAProxy in front of every cluster gives the same table as with our balancer. */
class HaproxySeedScenarioIT {
    private static TestLab testLab;
    private static ScenarioReport report;

    @BeforeAll
    static void run_the_seed_scenario_behind_haproxy() throws Exception {
        testLab = TestLab.start(LabConfig.standard().withBalancer(BalancerKinds.HAPROXY));
        Scenario seed = Scenarios.seed();
        try (ScenarioRunner runner = new ScenarioRunner(testLab.lab(), seed.users())) {
            report = runner.run(seed, step -> { });
        }
    }

    @AfterAll
    static void stop_lab() {
        testLab.close();
    }

    @Test
    void every_cluster_runs_behind_haproxy() {
        assertThat(testLab.lab().clusters()).allMatch(c -> c.balancer().kind().equals("haproxy"));
    }

    @Test
    void the_totals_are_those_of_the_lesson() {
        Map<String, int[]> expected = Map.of("in-memory", new int[] {2, 6}, "sticky", new int[] {4, 4},
                "redis", new int[] {8, 0}, "jwt", new int[] {8, 0});
        expected.forEach((strategy, totals) -> {
            ScenarioReport.Totals t = report.totals(strategy);
            assertThat(new int[] {t.success(), t.failure()}).as(strategy).containsExactly(totals);
        });
    }

    @Test
    void round_robin_starts_at_s1_and_walks_the_survivors_after_the_kill() {
        List<String> expected = List.of("S1 success", "S2 success", "S3 success", "S1 success",
                "S2 success", "S3 success", "S2 success", "S3 success");

        assertThat(row("redis")).isEqualTo(expected);
        assertThat(row("jwt")).isEqualTo(expected);
        assertThat(row("in-memory")).containsExactly("S1 success", "S2 failure not-recognised", "S3 failure not-recognised",
                "S1 success", "S2 failure not-recognised", "S3 failure not-recognised", "S2 failure not-recognised",
                "S3 failure not-recognised");
    }

    @Test
    void sticky_stays_on_s1_until_it_dies_then_on_one_new_node() {
        List<String> row = row("sticky");

        assertThat(row.subList(0, 4)).containsOnly("S1 success");
        assertThat(row.get(4)).isIn("S2 failure not-recognised", "S3 failure not-recognised");
        assertThat(row.subList(4, 8)).containsOnly(row.get(4));
    }

    private static List<String> row(String strategy) {
        List<String> cells = new ArrayList<>();
        report.results(strategy).forEach(r -> cells.add(r.summary()));
        return cells;
    }
}
