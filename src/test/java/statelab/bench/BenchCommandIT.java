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
import statelab.lab.Strategy;

/**
 * A seconds-long smoke of {@code statelab bench}: the report's structure and that requests went
 * through. No timing is asserted; the numbers belong to docs/BENCHMARKS.md.
 */
class BenchCommandIT {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    private static BenchReport run(TestLab lab, BenchPlan plan) throws Exception {
        return new BenchRunner(lab.lab(), plan, QUIET, false).run(BenchRunner.labFacts(0));
    }

    @Test
    void every_strategy_is_measured_through_its_balancer_and_straight_to_a_node() throws Exception {
        try (TestLab lab = TestLab.start()) {
            BenchPlan plan = new BenchPlan(Strategy.values(), List.of(Target.LB, Target.DIRECT), 2,
                    Duration.ZERO, Duration.ZERO, Duration.ofMillis(500), 0, List.of());

            BenchReport report = run(lab, plan);

            assertThat(report.phases()).extracting(BenchReport.Phase::label).containsExactly(
                    "in-memory lb", "in-memory direct", "sticky lb", "sticky direct", "redis lb", "redis direct", "jwt lb", "jwt direct");
            for (BenchReport.Phase phase : report.phases()) {
                assertThat(phase.signedIn()).as(phase.label()).isEqualTo(2);
                assertThat(phase.ok()).as(phase.label()).isPositive();
                assertThat(phase.timeline()).as(phase.label()).hasSize(5);
                assertThat(phase.credentialBytesPerRequest()).as(phase.label()).isPositive();
                assertThat(phase.switchesPerRequest()).as(phase.label() + ": a request over the network puts some thread to sleep").isPositive();
                boolean lostByDesign = phase.label().equals("in-memory lb");
                if (!lostByDesign) {
                    assertThat(phase.failures()).as(phase.label()).isEmpty();
                }
            }
            assertThat(phase(report, "in-memory lb").failures()).containsKey("not-recognised");
            assertThat(phase(report, "redis direct").redis().byCommand()).containsOnlyKeys("getex");
            assertThat(phase(report, "redis direct").redis().commandsPerRead()).as("Redis counts its reads (INFO stats)").isPositive();
            assertThat(phase(report, "jwt direct").redis().commandsPerRead()).as("no command, no figure").isZero();
            assertThat(phase(report, "redis direct").redis().perAuthenticatedRequest()).isEqualTo(1.0);
            assertThat(phase(report, "jwt direct").redis().commands()).isZero();
            assertThat(phase(report, "jwt direct").credentialBytesPerRequest())
                    .isGreaterThan(phase(report, "in-memory direct").credentialBytesPerRequest());
            assertThat(report.targets()).extracting(BenchReport.TargetCheck::target)
                    .contains("redis: node throughput vs in-memory node", "jwt: node throughput vs in-memory node");
        }
    }

    @Test
    void a_node_killed_mid_run_is_reported_with_the_recovery_and_started_again_after() throws Exception {
        try (TestLab lab = TestLab.start()) {
            BenchPlan plan = new BenchPlan(List.of(Strategy.REDIS), List.of(Target.LB), 4, Duration.ZERO,
                    Duration.ZERO, Duration.ofMillis(2_000), 0, List.of(new KillPlan("S1", Duration.ofMillis(800))));

            BenchReport.Phase phase = run(lab, plan).phases().get(0);

            assertThat(phase.kill()).isNotNull();
            assertThat(phase.kill().node()).isEqualTo("S1");
            assertThat(phase.kill().atSeconds()).isBetween(0.8, 2.0);
            assertThat(phase.kill().verdict()).isNotBlank();
            assertThat(phase.kill().usersWhoLostTheirSession()).isZero();
            assertThat(phase.ok()).isPositive();
            assertThat(lab.lab().cluster(Strategy.REDIS).nodes().get(0).up()).isTrue();
        }
    }

    @Test
    void the_command_prints_one_json_report_and_writes_the_chart(@TempDir Path dir) throws Exception {
        Path chart = dir.resolve("bench.svg");
        CliRun cli = new CliRun();

        int exit = cli.run("bench", "--strategies", "redis,jwt", "--targets", "direct", "--users", "2",
                "--warmup", "0s", "--jit-warmup", "0s", "--duration", "700ms", "--json", "--chart", chart.toString());

        assertThat(exit).as(cli.err()).isZero();
        JsonNode json = cli.json();
        assertThat(json.get("phases")).hasSize(2);
        for (JsonNode phase : json.get("phases")) {
            assertThat(phase.get("ok").asLong()).isPositive();
            assertThat(phase.get("latencyMicros").get("p99").asLong()).isPositive();
        }
        assertThat(json.get("lab").get("startMillis").asLong()).isPositive();
        assertThat(json.get("machine").get("cores").asInt()).isPositive();
        assertThat(Files.readString(chart)).startsWith("<svg").contains("redis direct", "jwt direct");
    }

    @Test
    void haproxy_over_the_same_nodes_is_measured_beside_our_balancer_and_compared_with_it() throws Exception {
        TestLab.requireHaproxy();
        try (TestLab lab = TestLab.start()) {
            BenchPlan plan = new BenchPlan(List.of(Strategy.JWT, Strategy.STICKY), List.of(Target.LB, Target.HAPROXY), 2,
                    Duration.ZERO, Duration.ZERO, Duration.ofMillis(500), 0, List.of());

            BenchReport report = run(lab, plan);

            assertThat(report.phases()).extracting(BenchReport.Phase::label)
                    .containsExactly("jwt lb", "jwt haproxy", "sticky lb", "sticky haproxy");
            for (BenchReport.Phase phase : report.phases()) {
                assertThat(phase.ok()).as(phase.label()).isPositive();
                assertThat(phase.failures()).as(phase.label()).isEmpty();
            }
            assertThat(phase(report, "jwt haproxy").url()).isNotEqualTo(phase(report, "jwt lb").url());
            assertThat(report.targets()).extracting(BenchReport.TargetCheck::target)
                    .contains("LB: jwt through our balancer vs through HAProxy over the same nodes");
        }
    }

    @Test
    void under_a_rate_cap_requests_follow_the_schedule_and_are_timed_from_their_slot() throws Exception {
        try (TestLab lab = TestLab.start()) {
            BenchPlan plan = new BenchPlan(List.of(Strategy.IN_MEMORY), List.of(Target.DIRECT), 2,
                    Duration.ZERO, Duration.ZERO, Duration.ofMillis(700), 200, List.of());

            BenchReport report = run(lab, plan);

            BenchReport.Phase phase = report.phases().get(0);
            // 200 slots per second from the start of the phase: at most 140 fall in 0.7 s, give or take the first.
            assertThat(phase.requests()).isPositive().isLessThanOrEqualTo(145);
            assertThat(phase.latencyMicros().p99()).isPositive();
            assertThat(report.options()).containsEntry("latencyFrom", "intended send time");
            assertThat(report.options()).containsEntry("nodeThreads", lab.lab().config().nodeThreads().key());
        }
    }

    @Test
    void a_users_curve_measures_each_point_with_at_most_32_sign_ins_and_draws_the_curve(@TempDir Path dir) throws Exception {
        Path chart = dir.resolve("curve.svg");
        CliRun cli = new CliRun();

        int exit = cli.run("bench", "--curve", "users", "--points", "1,40", "--strategies", "jwt", "--targets", "direct",
                "--warmup", "0s", "--jit-warmup", "0s", "--duration", "500ms", "--json", "--chart", chart.toString());

        assertThat(exit).as(cli.err()).isZero();
        JsonNode json = cli.json();
        assertThat(json.get("phases")).hasSize(2);
        assertThat(json.get("phases").get(0).get("users").asInt()).isEqualTo(1);
        // 40 users: 32 signed in, 8 share their sessions, and every one of them is recognised.
        assertThat(json.get("phases").get(1).get("users").asInt()).isEqualTo(40);
        assertThat(json.get("phases").get(1).get("signedIn").asInt()).isEqualTo(40);
        assertThat(json.get("phases").get(1).get("failures").size()).as(json.get("phases").get(1).toString()).isZero();
        assertThat(Files.readString(chart)).startsWith("<svg").contains("1 users", "40 users", "jwt direct");
    }

    @Test
    void rounds_repeat_every_phase_interleaved_and_judge_each_ratio_by_its_median() throws Exception {
        CliRun cli = new CliRun();

        int exit = cli.run("bench", "--rounds", "3", "--strategies", "in-memory,jwt", "--targets", "direct", "--users", "2",
                "--warmup", "0s", "--jit-warmup", "0s", "--duration", "300ms", "--json");

        assertThat(exit).as(cli.err()).isZero();
        JsonNode json = cli.json();
        assertThat(json.get("options").get("rounds").asInt()).isEqualTo(3);
        assertThat(json.get("phases")).extracting(p -> p.get("strategy").asText() + " " + p.get("round").asInt())
                .containsExactly("in-memory 1", "jwt 1", "in-memory 2", "jwt 2", "in-memory 3", "jwt 3");
        JsonNode jwt = null;
        for (JsonNode check : json.get("targets")) {
            if (check.get("target").asText().equals("jwt: node throughput vs in-memory node")) {
                jwt = check;
            }
        }
        assertThat(jwt).as(json.get("targets").toString()).isNotNull();
        assertThat(jwt.get("note").asText()).startsWith("median of 3 rounds (");
    }

    @Test
    void a_memory_curve_reports_bytes_per_session_for_each_place_a_session_lives() {
        CliRun cli = new CliRun();

        int exit = cli.run("bench", "--curve", "memory", "--points", "200,2000");

        assertThat(exit).as(cli.err()).isZero();
        assertThat(cli.out()).contains("not by signing in").contains("node heap").contains("redis used_memory")
                .contains("redis MEMORY USAGE").contains("jwt").contains("-byte token").contains("2,000");
    }

    @Test
    void bad_options_are_refused_before_any_lab_starts() {
        CliRun cli = new CliRun();

        assertThat(cli.run("bench", "--users", "0")).isEqualTo(2);
        assertThat(cli.run("bench", "--at", "2s")).isEqualTo(2);
        assertThat(cli.run("bench", "--kill", "S1", "--at", "20s", "--duration", "10s")).isEqualTo(2);
        assertThat(cli.run("bench", "--strategies", "cookie")).isEqualTo(2);
        assertThat(cli.run("bench", "--duration", "soon")).isEqualTo(2);
        assertThat(cli.run("bench", "--curve", "sessions")).isEqualTo(2);
        assertThat(cli.run("bench", "--curve", "nodes", "--points", "0,3")).isEqualTo(2);
        assertThat(cli.run("bench", "--curve", "nodes", "--points", "17")).isEqualTo(2);
        assertThat(cli.run("bench", "--curve", "nodes", "--targets", "lb,direct")).isEqualTo(2);
        assertThat(cli.run("bench", "--points", "1,8")).isEqualTo(2);
        assertThat(cli.run("bench", "--curve", "memory", "--points", "0")).isEqualTo(2);
        assertThat(cli.run("bench", "--rounds", "0")).isEqualTo(2);
        assertThat(cli.run("bench", "--rounds", "10")).isEqualTo(2);
        assertThat(cli.run("bench", "--rounds", "3", "--curve", "users")).isEqualTo(2);
        assertThat(cli.err()).contains("--rounds");
    }

    private static BenchReport.Phase phase(BenchReport report, String label) {
        return report.phases().stream().filter(p -> p.label().equals(label)).findFirst().orElseThrow();
    }
}
