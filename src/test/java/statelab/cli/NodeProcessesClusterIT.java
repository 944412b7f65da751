package statelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import statelab.TestLab;
import statelab.lab.LabConfig;
import statelab.lab.Strategy;

/**
 * A cluster assembled from separate operating-system processes, as on several hosts: three
 * {@code statelab node} processes per kind and one {@code statelab lb} process in front of each, the
 * Redis of a lab; the seed scenario through {@code run --target}, its {@code kill S1} a SIGKILL of the
 * S1 processes through {@code --on-kill}. The table is the seed's own.
 */
class NodeProcessesClusterIT {
    private static final Pattern READY = Pattern.compile("^ready (\\d+)");
    private static final Pattern LISTENING = Pattern.compile("^balancer\\s+(http://\\S+)");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = StateLabCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void the_seed_against_node_and_lb_processes_gives_the_seed_s_exact_table() throws Exception {
        try (TestLab lab = TestLab.start(LabConfig.standard().withStrategies(List.of(Strategy.REDIS)))) {
            String redis = lab.lab().redis().url();
            Map<String, String> targets = new LinkedHashMap<>();
            List<Long> firstNodes = new ArrayList<>();
            for (Strategy strategy : List.of(Strategy.IN_MEMORY, Strategy.REDIS)) {
                List<String> lb = new ArrayList<>(List.of("lb", "--port", "0", "--policy", "round-robin"));
                for (String id : List.of("S1", "S2", "S3")) {
                    StatelabProcess node = lab.own(StatelabProcess.start("node", "--service", "--id", id,
                            "--strategy", strategy.key(), "--port", "0", "--redis", redis));
                    String port = node.awaitLine(READY, Duration.ofSeconds(90));
                    lb.addAll(List.of("--backend", "http://127.0.0.1:" + port));
                    if (id.equals("S1")) {
                        firstNodes.add(node.pid());
                    }
                }
                StatelabProcess balancer = lab.own(StatelabProcess.start(lb.toArray(String[]::new)));
                targets.put(strategy.key(), balancer.awaitLine(LISTENING, Duration.ofSeconds(90)));
            }
            List<String> args = new ArrayList<>(List.of("run", "seed", "--json"));
            targets.forEach((key, url) -> args.addAll(List.of("--target", key + "=" + url)));
            args.addAll(List.of("--on-kill", "S1=kill -9 " + firstNodes.get(0) + " " + firstNodes.get(1)));

            int exit = run(args.toArray(String[]::new));

            assertThat(exit).as(err.toString()).isZero();
            JsonNode doc = new ObjectMapper().readTree(out.toString());
            assertThat(row(doc, "in-memory")).containsExactly("S1 success", "S2 failure not-recognised", "S3 failure not-recognised",
                    "S1 success", "S2 failure not-recognised", "S3 failure not-recognised", "S2 failure not-recognised",
                    "S3 failure not-recognised");
            assertThat(row(doc, "redis")).containsExactly("S1 success", "S2 success", "S3 success", "S1 success",
                    "S2 success", "S3 success", "S2 success", "S3 success");
            assertThat(ProcessHandle.of(firstNodes.get(0))).isEmpty();
        }
    }

    @Test
    void a_node_whose_sentinels_name_no_primary_exits_non_zero_with_one_line() {
        int exit = run("node", "--id", "S1", "--strategy", "redis", "--port", "0",
                "--redis", "redis-sentinel://127.0.0.1:1,127.0.0.1:9#statelab");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("no Sentinel at").contains("names a primary for 'statelab'").doesNotContain("\tat ");
    }

    @Test
    void a_node_given_a_key_file_that_does_not_parse_exits_non_zero_with_one_line(@TempDir Path dir) throws Exception {
        Path keys = Files.writeString(dir.resolve("jwks.json"), "{\"keys\": [not json");

        int exit = run("node", "--id", "S1", "--strategy", "jwt", "--port", "0", "--redis", "redis://127.0.0.1:1",
                "--jwks", keys.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("jwks.json").contains("not a JWK set").doesNotContain("\tat ");
    }

    private static List<String> row(JsonNode doc, String strategy) {
        List<String> cells = new ArrayList<>();
        for (JsonNode step : doc.get("steps")) {
            JsonNode result = step.has("results") ? step.get("results").get(strategy) : null;
            if (result != null) {
                String kind = result.hasNonNull("kind") ? " " + result.get("kind").asText() : "";
                cells.add(result.get("node").asText() + " " + result.get("outcome").asText() + kind);
            }
        }
        return cells;
    }
}
