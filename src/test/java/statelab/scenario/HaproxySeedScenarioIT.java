package statelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabFixture;
import statelab.lab.BalancerKinds;
import statelab.SeedTable;
import statelab.lab.LabConfig;

/** The lesson's scenario with HAProxy in front of every cluster gives the same table as with our balancer. */
class HaproxySeedScenarioIT {
    @RegisterExtension
    static final LabFixture testLab = LabFixture.of(LabConfig.standard().withBalancer(BalancerKinds.HAPROXY));
    private static ScenarioReport report;

    @BeforeAll
    static void run_the_seed_scenario_behind_haproxy() throws Exception {
        Scenario seed = Scenarios.seed();
        try (ScenarioRunner runner = new ScenarioRunner(testLab.lab(), seed.users())) {
            report = runner.run(seed, step -> { });
        }
    }

    @Test
    void every_cluster_runs_behind_haproxy() {
        assertThat(testLab.lab().clusters()).allMatch(c -> c.balancer().kind().equals("haproxy"));
    }

    @Test
    void the_totals_are_those_of_the_lesson() {
        SeedTable.TOTALS.forEach((strategy, totals) -> {
            ScenarioReport.Totals t = report.totals(strategy);
            assertThat(new int[] {t.success(), t.failure()}).as(strategy).containsExactly(totals);
        });
    }

    @Test
    void round_robin_starts_at_s1_and_walks_the_survivors_after_the_kill() {
        assertThat(row("redis")).isEqualTo(SeedTable.EVERYWHERE);
        assertThat(row("jwt")).isEqualTo(SeedTable.EVERYWHERE);
        assertThat(row("in-memory")).isEqualTo(SeedTable.IN_MEMORY);
    }

    @Test
    void sticky_stays_on_s1_until_it_dies_then_on_one_new_node() {
        SeedTable.assertSticky(row("sticky"));
    }

    private static List<String> row(String strategy) {
        List<String> cells = new ArrayList<>();
        report.results(strategy).forEach(r -> cells.add(r.summary()));
        return cells;
    }
}
