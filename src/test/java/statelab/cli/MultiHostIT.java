package statelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import statelab.TestLab;
import statelab.lab.NodeView;
import statelab.lab.Strategy;
import statelab.web.WebServer;

/**
 * The seed scenario through {@code run --target} against balancers that run as processes of their
 * own ({@code statelab lb}), in front of the lab's nodes: the same table as on the lab's own clusters.
 * The scenario's {@code kill S1} runs the user's {@code --on-kill} command, here a call to the lab's
 * page API.
 */
class MultiHostIT {
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
    void the_seed_through_separate_balancer_processes_gives_the_seed_s_exact_table() throws Exception {
        try (TestLab lab = TestLab.start()) {
            WebServer page = lab.own(WebServer.start(lab.lab(), 0));
            List<String> args = new ArrayList<>(List.of("run", "seed", "--json"));
            for (Strategy strategy : List.of(Strategy.IN_MEMORY, Strategy.STICKY, Strategy.REDIS, Strategy.JWT)) {
                List<String> lb = new ArrayList<>(List.of("lb", "--port", "0", "--policy", strategy == Strategy.STICKY ? "sticky" : "round-robin"));
                for (NodeView node : lab.lab().cluster(strategy).nodes()) {
                    lb.addAll(List.of("--backend", node.url().toString()));
                }
                StatelabProcess balancer = lab.own(StatelabProcess.start(lb.toArray(String[]::new)));
                String url = balancer.awaitLine(LISTENING, Duration.ofSeconds(60));
                args.addAll(List.of("--target", strategy.key() + "=" + url));
            }
            args.addAll(List.of("--on-kill", "S1=curl -fsS -o /dev/null -X POST " + page.uri().resolve("/api/lab/nodes/S1/kill")));

            int exit = run(args.toArray(String[]::new));

            assertThat(exit).as(err.toString()).isZero();
            JsonNode doc = new ObjectMapper().readTree(out.toString());
            assertThat(row(doc, "in-memory")).containsExactly("S1 success", "S2 failure not-recognised", "S3 failure not-recognised",
                    "S1 success", "S2 failure not-recognised", "S3 failure not-recognised", "S2 failure not-recognised",
                    "S3 failure not-recognised");
            List<String> sticky = row(doc, "sticky");
            assertThat(sticky.subList(0, 4)).containsOnly("S1 success");
            assertThat(sticky.get(4)).isIn("S2 failure not-recognised", "S3 failure not-recognised");
            assertThat(sticky.subList(4, 8)).containsOnly(sticky.get(4));
            List<String> everywhere = List.of("S1 success", "S2 success", "S3 success", "S1 success",
                    "S2 success", "S3 success", "S2 success", "S3 success");
            assertThat(row(doc, "redis")).isEqualTo(everywhere);
            assertThat(row(doc, "jwt")).isEqualTo(everywhere);
            assertThat(doc.get("totals").get("in-memory").get("success").asInt()).isEqualTo(2);
            assertThat(doc.get("totals").get("sticky").get("success").asInt()).isEqualTo(4);
        }
    }

    @Test
    void a_balancer_whose_backends_do_not_answer_exits_non_zero_naming_them() {
        int exit = run("lb", "--port", "0", "--backend", "http://127.0.0.1:1", "--backend", "http://127.0.0.1:9");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("unreachable backends").contains("http://127.0.0.1:1").contains("http://127.0.0.1:9")
                .contains("connection refused").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void a_balancer_given_no_url_or_an_unknown_policy_is_a_usage_error() {
        assertThat(run("lb", "--backend", "10.0.0.2:8081")).isEqualTo(2);
        assertThat(err.toString()).contains("--backend takes a URL such as http://");
        assertThat(run("lb", "--policy", "random", "--backend", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("--policy is 'round-robin' or 'sticky'").doesNotContain("\tat ");
    }

    @Test
    void a_target_that_does_not_answer_exits_non_zero_before_any_step() {
        int exit = run("run", "seed", "--target", "redis=http://127.0.0.1:1", "--on-kill", "S1=true");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("--target redis=http://127.0.0.1:1 does not answer").doesNotContain("\tat ");
        assertThat(out.toString()).doesNotContain("POST /login");
    }

    @Test
    void a_kill_step_against_a_target_with_no_kill_command_is_refused_with_what_to_add() {
        int exit = run("run", "seed", "--target", "redis=http://127.0.0.1:1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("'kill S1'").contains("--on-kill S1=").doesNotContain("\tat ");
    }

    @Test
    void a_target_of_no_known_kind_is_a_usage_error() {
        assertThat(run("run", "seed", "--target", "mongo=http://127.0.0.1:1", "--on-kill", "S1=true")).isEqualTo(2);
        assertThat(err.toString()).contains("'mongo' is no cluster kind");
    }

    @Test
    void a_sentinel_url_with_no_primary_behind_it_exits_non_zero_with_one_line() {
        int exit = run("run", "seed", "--redis", "redis-sentinel://127.0.0.1:1,127.0.0.1:9#statelab");

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("no Sentinel at redis-sentinel://127.0.0.1:1,127.0.0.1:9#statelab names a primary for 'statelab'")
                .doesNotContain("\tat ");
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
