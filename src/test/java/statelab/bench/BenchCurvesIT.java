package statelab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.TestLab;
import statelab.cli.CliRun;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;

/**
 * Seconds-long smokes of the nodes curve and of the load generator in a JVM of its own: each runs
 * and reports what it should. No timing is asserted; the figures belong to docs/BENCHMARKS.md.
 */
class BenchCurvesIT {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void a_nodes_curve_grows_the_cluster_point_by_point_and_the_lab_is_reset_after() throws Exception {
        try (TestLab lab = TestLab.start(LabConfig.standard().withNodes(1))) {
            BenchPlan plan = new BenchPlan(List.of(Strategy.JWT), List.of(Target.LB), 4,
                    Duration.ZERO, Duration.ZERO, Duration.ofMillis(500), 0, List.of());

            BenchReport report = new BenchRunner(lab.lab(), plan, QUIET, false).nodesCurve(List.of(2, 1))
                    .run(BenchRunner.labFacts(0));

            assertThat(report.phases()).extracting(BenchReport.Phase::nodes).containsExactly(1, 2);
            for (BenchReport.Phase phase : report.phases()) {
                assertThat(phase.users()).isEqualTo(4);
                assertThat(phase.ok()).as("ok at %d nodes", phase.nodes()).isPositive();
                assertThat(phase.failures()).as("failures at %d nodes", phase.nodes()).isEmpty();
            }
            assertThat(report.options()).containsKey("nodesNote");
            assertThat(lab.lab().cluster(Strategy.JWT).nodes()).hasSize(1);
        }
    }

    @Test
    void the_nodes_curve_command_draws_answers_against_nodes_and_says_what_the_cores_allow(@TempDir Path dir) throws Exception {
        Path chart = dir.resolve("nodes.svg");
        CliRun cli = new CliRun();

        int exit = cli.run("bench", "--curve", "nodes", "--points", "1,3", "--strategies", "redis", "--users", "4",
                "--warmup", "0s", "--jit-warmup", "0s", "--duration", "500ms", "--json", "--chart", chart.toString());

        assertThat(exit).as(cli.err()).isZero();
        JsonNode json = cli.json();
        assertThat(json.get("phases")).hasSize(2);
        assertThat(json.get("phases").get(0).get("nodes").asInt()).isEqualTo(1);
        assertThat(json.get("phases").get(1).get("nodes").asInt()).isEqualTo(3);
        assertThat(json.get("phases").get(1).get("target").asText()).isEqualTo("lb");
        assertThat(json.get("phases").get(1).get("ok").asLong()).isPositive();
        assertThat(json.get("options").get("nodesNote").asText()).contains("cores");
        assertThat(Files.readString(chart)).startsWith("<svg").contains("1 nodes", "3 nodes", "redis lb", "cores");
    }

    @Test
    void a_load_generator_in_its_own_process_reports_its_figures_and_the_kill() throws Exception {
        try (TestLab lab = TestLab.start()) {
            BenchPlan plan = new BenchPlan(List.of(Strategy.REDIS), List.of(Target.LB), 4, Duration.ZERO,
                    Duration.ZERO, Duration.ofMillis(2_000), 0, List.of(new KillPlan("S1", Duration.ofMillis(800))));

            BenchReport.Phase phase = new BenchRunner(lab.lab(), plan, QUIET, false).loadInOwnProcess(true)
                    .run(BenchRunner.labFacts(0)).phases().get(0);

            assertThat(phase.loadGenerator()).isEqualTo("own-process");
            assertThat(phase.signedIn()).isEqualTo(4);
            assertThat(phase.ok()).isPositive();
            assertThat(phase.latencyMicros().p99()).isPositive();
            assertThat(phase.timeline()).hasSize(20);
            assertThat(phase.credentialBytesPerRequest()).isPositive();
            assertThat(phase.redis().authenticatedRequests()).isPositive();
            assertThat(phase.kill()).isNotNull();
            assertThat(phase.kill().atSeconds()).isBetween(0.8, 2.0);
            assertThat(phase.kill().usersWhoLostTheirSession()).isZero();
            assertThat(lab.lab().cluster(Strategy.REDIS).nodes().get(0).up()).isTrue();
        }
    }

    @Test
    void above_512_users_the_users_curve_runs_its_load_generator_in_its_own_process(@TempDir Path dir) throws Exception {
        CliRun cli = new CliRun();

        int exit = cli.run("bench", "--curve", "users", "--points", "2,600", "--strategies", "jwt", "--targets", "direct",
                "--warmup", "0s", "--jit-warmup", "0s", "--duration", "500ms", "--json", "--chart", dir.resolve("users.svg").toString());

        assertThat(exit).as(cli.err()).isZero();
        JsonNode phases = cli.json().get("phases");
        assertThat(phases.get(0).get("loadGenerator").asText()).isEqualTo("in-process");
        assertThat(phases.get(1).get("loadGenerator").asText()).isEqualTo("own-process");
        assertThat(phases.get(1).get("users").asInt()).isEqualTo(600);
        assertThat(phases.get(1).get("signedIn").asInt()).isEqualTo(600);
        assertThat(phases.get(1).get("requests").asLong()).isPositive();
    }
}
