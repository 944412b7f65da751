package statelab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ReportRenderingTest {

    private static BenchReport.Phase phase(String strategy, String target, double rate, BenchReport.KillReport kill) {
        List<BenchReport.Point> timeline = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            boolean failing = i == 15 && kill != null;
            timeline.add(new BenchReport.Point(i / 10.0, (long) (rate / 10), failing ? 5 : 0,
                    failing ? Map.of("connection-lost", 5L) : Map.of(), 800, 2_500));
        }
        return new BenchReport.Phase(strategy, target, "http://127.0.0.1:1", 4, 4, 3.0, (long) rate * 3, (long) rate * 3,
                rate, rate, new BenchReport.Latency(800, 1_900, 2_500, 9_000), kill == null ? Map.of() : Map.of("connection-lost", 5L),
                new BenchReport.RedisUsage(100, 100, 1.0, 3.4, Map.of("getex", 100L)), 52, 150, 10, 2.5, kill, timeline, 3, "in-process", 1);
    }

    private static BenchReport report() {
        BenchReport.KillReport kill = new BenchReport.KillReport("S1", 1.5, Map.of("connection-lost", 5L), 0.2, 0,
                "recovered in 0.2 s, 5 failed requests");
        List<BenchReport.Phase> phases = List.of(phase("in-memory", "direct", 10_000, null),
                phase("redis", "lb", 6_000, kill), phase("redis", "direct", 9_000, null));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("users", 4);
        options.put("warmupSeconds", 0.0);
        options.put("durationSeconds", 3.0);
        options.put("rateCap", 0);
        options.put("nodeThreads", "virtual");
        BenchReport.LabFacts lab = new BenchReport.LabFacts(900, 200L << 20, 300L << 20);
        return new BenchReport(new MachineInfo(2, "Test CPU", 1L << 34, "Test JDK 25", "-Xss512k", "2026-01-01T00:00:00Z"),
                options, lab, phases, TargetChecks.of(phases, lab));
    }

    @Test
    void the_chart_is_well_formed_svg_with_a_line_per_phase_and_the_kill_marked() throws Exception {
        String svg = BenchChart.svg(report());

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        // Successes and p99 for each of the three phases, and one failure series: the killed phase's connection-lost.
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(2 * 3 + 1);
        assertThat(svg).contains("kill S1 (redis lb)").contains("successful answers per second")
                .contains("failed answers per second, by kind").contains("redis lb: connection-lost")
                .contains("recovered (redis lb)").contains("p99 latency");
    }

    @Test
    void the_table_has_a_row_per_phase_the_kill_and_the_targets() {
        String table = BenchTable.text(report());

        assertThat(table).contains("in-memory  direct").contains("redis      lb").contains("kill S1 at 1.5 s (redis lb)")
                .contains("redis: node throughput vs in-memory node").contains("[met]").contains("Test CPU")
                .contains("no rate cap, nodes on virtual threads").contains("cs/req").contains("2.5 vs 2.5 context switches/req")
                .contains("cmd/read").contains("   3.4 ");
    }

    @Test
    void the_targets_compare_phases_of_the_same_run() {
        List<BenchReport.TargetCheck> checks = report().targets();

        assertThat(checks).anySatisfy(c -> {
            assertThat(c.target()).startsWith("redis: node throughput");
            assertThat(c.measured()).isEqualTo(0.9);
            assertThat(c.met()).isTrue();
        });
        assertThat(checks).noneSatisfy(c -> assertThat(c.target()).startsWith("LB: redis"));
    }

    @Test
    void the_json_carries_every_phase_with_its_figures() throws Exception {
        JsonNode json = new ObjectMapper().readTree(BenchJson.text(report()));

        assertThat(json.get("phases")).hasSize(3);
        JsonNode lb = json.get("phases").get(1);
        assertThat(lb.get("strategy").asText()).isEqualTo("redis");
        assertThat(lb.get("latencyMicros").get("p99").asLong()).isEqualTo(2_500);
        assertThat(lb.get("kill").get("recoverySeconds").asDouble()).isEqualTo(0.2);
        assertThat(lb.get("redis").get("perAuthenticatedRequest").asDouble()).isEqualTo(1.0);
        assertThat(lb.get("switchesPerRequest").asDouble()).isEqualTo(2.5);
        assertThat(lb.get("redis").get("commandsPerRead").asDouble()).isEqualTo(3.4);
        assertThat(json.get("machine").get("cores").asInt()).isEqualTo(2);
        assertThat(json.get("targets").isArray()).isTrue();
    }
}
