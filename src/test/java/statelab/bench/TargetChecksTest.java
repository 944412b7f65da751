package statelab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetChecksTest {

    private static BenchReport.Phase phase(String target, int nodes, double rate) {
        return new BenchReport.Phase("jwt", target, "http://127.0.0.1:1", 64, 64, 3.0, (long) rate * 3, (long) rate * 3,
                rate, rate, new BenchReport.Latency(800, 1_900, 2_500, 9_000), Map.of(),
                new BenchReport.RedisUsage(0, 0, 0, Map.of()), 499, 150, 0, null, List.of(), nodes, "in-process");
    }

    @Test
    void on_a_nodes_curve_our_balancer_is_compared_with_haproxy_over_the_same_number_of_nodes() {
        List<BenchReport.Phase> phases = List.of(phase("lb", 1, 1_000), phase("haproxy", 1, 2_000),
                phase("lb", 3, 3_000), phase("haproxy", 3, 3_000));

        List<BenchReport.TargetCheck> checks = TargetChecks.of(phases, new BenchReport.LabFacts(1_000, 0, 0)).stream()
                .filter(c -> c.target().contains("HAProxy")).toList();

        assertThat(checks).hasSize(2);
        assertThat(checks.get(0).measured()).isEqualTo(0.5);
        assertThat(checks.get(0).note()).contains("1 nodes");
        assertThat(checks.get(1).measured()).isEqualTo(1.0);
        assertThat(checks.get(1).note()).contains("3 nodes");
    }
}
