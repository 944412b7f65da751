package statelab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetChecksTest {

    private static BenchReport.Phase phase(String target, int nodes, double rate) {
        return phase("jwt", target, 64, nodes, rate);
    }

    private static BenchReport.Phase phase(String strategy, String target, int users, int nodes, double rate) {
        return phase(strategy, target, users, nodes, rate, 1);
    }

    private static BenchReport.Phase phase(String strategy, String target, int users, int nodes, double rate, int round) {
        return new BenchReport.Phase(strategy, target, "http://127.0.0.1:1", users, users, 3.0, (long) rate * 3, (long) rate * 3,
                rate, rate, new BenchReport.Latency(800, 1_900, 2_500, 9_000), Map.of(),
                new BenchReport.RedisUsage(0, 0, 0, 0, Map.of()), 499, 150, 0, 2.0, null, List.of(), nodes, "in-process", round);
    }

    @Test
    void on_a_nodes_curve_our_balancer_is_compared_with_haproxy_over_the_same_number_of_nodes() {
        List<BenchReport.Phase> phases = List.of(phase("lb", 1, 1_000), phase("haproxy", 1, 2_000),
                phase("lb", 3, 3_000), phase("haproxy", 3, 3_000));

        List<BenchReport.TargetCheck> checks = TargetChecks.of(phases, new BenchReport.LabFacts(1_000, 0, 0)).stream()
                .filter(c -> c.target().contains("HAProxy")).toList();

        assertThat(checks).hasSize(2);
        assertThat(checks.get(0).measured()).isEqualTo(0.5);
        assertThat(checks.get(0).note()).contains("1 nodes").contains("beside our balancer").contains("--load-process");
        assertThat(checks.get(1).measured()).isEqualTo(1.0);
        assertThat(checks.get(1).note()).contains("3 nodes");
    }

    @Test
    void on_a_users_curve_each_point_is_compared_with_as_many_users_and_the_peaks_with_each_other() {
        List<BenchReport.Phase> phases = List.of(phase("in-memory", "direct", 16, 1, 40_000), phase("in-memory", "direct", 64, 1, 50_000),
                phase("redis", "direct", 16, 1, 28_000), phase("redis", "direct", 64, 1, 45_000));

        List<BenchReport.TargetCheck> checks = TargetChecks.of(phases, new BenchReport.LabFacts(1_000, 0, 0)).stream()
                .filter(c -> c.target().contains("node")).toList();

        assertThat(checks).extracting(BenchReport.TargetCheck::target).containsExactly(
                "redis: node throughput vs in-memory node at 16 users", "redis: node throughput vs in-memory node at 64 users",
                "redis: peak node throughput vs in-memory node's peak");
        assertThat(checks).extracting(BenchReport.TargetCheck::measured).containsExactly(0.7, 0.9, 0.9);
        assertThat(checks.get(2).note()).contains("at 64 vs 64 users");
    }

    @Test
    void one_load_gives_one_node_ratio() {
        List<BenchReport.Phase> phases = List.of(phase("in-memory", "direct", 16, 1, 40_000), phase("redis", "direct", 16, 1, 30_000));

        List<BenchReport.TargetCheck> checks = TargetChecks.of(phases, new BenchReport.LabFacts(1_000, 0, 0)).stream()
                .filter(c -> c.target().contains("node")).toList();

        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.target()).isEqualTo("redis: node throughput vs in-memory node");
            assertThat(c.measured()).isEqualTo(0.75);
            assertThat(c.met()).isFalse();
        });
    }

    @Test
    void over_several_rounds_each_ratio_is_judged_by_its_median_and_every_round_is_shown() {
        List<BenchReport.Phase> phases = List.of(
                phase("in-memory", "direct", 16, 1, 40_000, 1), phase("redis", "direct", 16, 1, 28_000, 1),
                phase("in-memory", "direct", 16, 1, 40_000, 2), phase("redis", "direct", 16, 1, 36_000, 2),
                phase("in-memory", "direct", 16, 1, 40_000, 3), phase("redis", "direct", 16, 1, 30_000, 3));

        List<BenchReport.TargetCheck> checks = TargetChecks.of(phases, new BenchReport.LabFacts(1_000, 0, 0)).stream()
                .filter(c -> c.target().contains("node")).toList();

        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.measured()).isEqualTo(0.75);
            assertThat(c.met()).isFalse();
            assertThat(c.note()).startsWith("median of 3 rounds (0.700, 0.900, 0.750, in round order); the median round: 30000 vs 40000");
        });
    }

    @Test
    void of_an_even_number_of_rounds_the_lower_middle_ratio_is_the_one_judged() {
        List<BenchReport.TargetCheck> checks = TargetChecks.medians(List.of(
                List.of(new BenchReport.TargetCheck("r", 0.95, ">= 0.8x", true, "first")),
                List.of(new BenchReport.TargetCheck("r", 0.70, ">= 0.8x", false, "second"))));

        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.measured()).isEqualTo(0.70);
            assertThat(c.met()).isFalse();
            assertThat(c.note()).contains("of the two middle ones the lower").endsWith("the median round: second");
        });
    }

    @Test
    void a_check_that_is_not_a_ratio_floor_must_hold_in_every_round() {
        List<BenchReport.TargetCheck> checks = TargetChecks.medians(List.of(
                List.of(new BenchReport.TargetCheck("commands", 1.0, "exactly 1", true, "")),
                List.of(new BenchReport.TargetCheck("commands", 2.0, "exactly 1", false, "")),
                List.of(new BenchReport.TargetCheck("commands", 1.0, "exactly 1", true, ""))));

        assertThat(checks).singleElement().satisfies(c -> {
            assertThat(c.measured()).isEqualTo(1.0);
            assertThat(c.met()).isFalse();
        });
    }
}
