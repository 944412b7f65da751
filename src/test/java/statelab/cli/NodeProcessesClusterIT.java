package statelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import statelab.TestLab;
import statelab.lab.LabConfig;
import statelab.SeedTable;
import statelab.lab.Strategy;

/**
 * A cluster assembled from separate operating-system processes, as on several hosts: three
 * {@code statelab node} processes per kind and one {@code statelab lb} process in front of each, the
 * Redis of a lab; the seed scenario through {@code run --target}, its {@code kill S1} a SIGKILL of the
 * S1 processes through {@code --on-kill}. The table is the seed's own.
 */
class NodeProcessesClusterIT {
    private static final Pattern READY = Pattern.compile("^ready (\\d+)");

    private final CliRun command = new CliRun();

    @Test
    void the_seed_against_node_and_lb_processes_gives_the_seed_s_exact_table() throws Exception {
        try (TestLab lab = TestLab.start(LabConfig.standard().withStrategies(List.of(Strategy.REDIS)))) {
            String redis = lab.lab().redis().url();
            Map<String, String> targets = new LinkedHashMap<>();
            List<Long> firstNodes = new ArrayList<>();
            for (Strategy strategy : List.of(Strategy.IN_MEMORY, Strategy.REDIS)) {
                List<String> backends = new ArrayList<>();
                for (String id : List.of("S1", "S2", "S3")) {
                    StatelabProcess node = lab.own(StatelabProcess.start("node", "--service", "--id", id,
                            "--strategy", strategy.key(), "--port", "0", "--redis", redis));
                    String port = node.awaitLine(READY, Duration.ofSeconds(90));
                    backends.add("http://127.0.0.1:" + port);
                    if (id.equals("S1")) {
                        firstNodes.add(node.pid());
                    }
                }
                StatelabProcess balancer = lab.own(StatelabProcess.balancer("round-robin", backends));
                targets.put(strategy.key(), balancer.awaitListening(Duration.ofSeconds(90)));
            }
            List<String> args = new ArrayList<>(List.of("run", "seed", "--json"));
            targets.forEach((key, url) -> args.addAll(List.of("--target", key + "=" + url)));
            args.addAll(List.of("--on-kill", "S1=kill -9 " + firstNodes.get(0) + " " + firstNodes.get(1)));

            int exit = command.run(args.toArray(String[]::new));

            assertThat(exit).as(command.err()).isZero();
            JsonNode doc = command.json();
            assertThat(CliRun.column(doc, "in-memory")).isEqualTo(SeedTable.IN_MEMORY);
            assertThat(CliRun.column(doc, "redis")).isEqualTo(SeedTable.EVERYWHERE);
            assertThat(ProcessHandle.of(firstNodes.get(0))).isEmpty();
        }
    }

    @Test
    void a_node_whose_sentinels_name_no_primary_exits_non_zero_with_one_line() {
        int exit = command.run("node", "--id", "S1", "--strategy", "redis", "--port", "0",
                "--redis", "redis-sentinel://127.0.0.1:1,127.0.0.1:9#statelab");

        assertThat(exit).isEqualTo(1);
        assertThat(command.err()).contains("no Sentinel at").contains("names a primary for 'statelab'").doesNotContain("\tat ");
    }

    @Test
    void a_node_given_a_key_file_that_does_not_parse_exits_non_zero_with_one_line(@TempDir Path dir) throws Exception {
        Path keys = Files.writeString(dir.resolve("jwks.json"), "{\"keys\": [not json");

        int exit = command.run("node", "--id", "S1", "--strategy", "jwt", "--port", "0", "--redis", "redis://127.0.0.1:1",
                "--jwks", keys.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(command.err()).contains("jwks.json").contains("not a JWK set").doesNotContain("\tat ");
    }
}
