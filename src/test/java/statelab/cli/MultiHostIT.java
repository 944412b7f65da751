package statelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import statelab.TestLab;
import statelab.lab.Strategy;
import statelab.SeedTable;
import statelab.web.WebServer;

/**
 * The seed scenario through {@code run --target} against balancers that run as processes of their
 * own ({@code statelab lb}), in front of the lab's nodes: the same table as on the lab's own clusters.
 * The scenario's {@code kill S1} runs the user's {@code --on-kill} command, here a call to the lab's
 * page API.
 */
class MultiHostIT {
    private final CliRun command = new CliRun();

    @Test
    void the_seed_through_separate_balancer_processes_gives_the_seed_s_exact_table() throws Exception {
        try (TestLab lab = TestLab.start()) {
            WebServer page = lab.own(WebServer.start(lab.lab(), 0));
            List<String> args = new ArrayList<>(List.of("run", "seed", "--json"));
            for (Strategy strategy : List.of(Strategy.IN_MEMORY, Strategy.STICKY, Strategy.REDIS, Strategy.JWT)) {
                List<String> backends = lab.lab().cluster(strategy).nodes().stream().map(node -> node.url().toString()).toList();
                StatelabProcess balancer = lab.own(StatelabProcess.balancer(strategy == Strategy.STICKY ? "sticky" : "round-robin", backends));
                String url = balancer.awaitListening(Duration.ofSeconds(60));
                args.addAll(List.of("--target", strategy.key() + "=" + url));
            }
            args.addAll(List.of("--on-kill", "S1=curl -fsS -o /dev/null -X POST " + page.uri().resolve("/api/lab/nodes/S1/kill")));

            int exit = command.run(args.toArray(String[]::new));

            assertThat(exit).as(command.err()).isZero();
            JsonNode doc = command.json();
            assertThat(CliRun.column(doc, "in-memory")).isEqualTo(SeedTable.IN_MEMORY);
            SeedTable.assertSticky(CliRun.column(doc, "sticky"));
            assertThat(CliRun.column(doc, "redis")).isEqualTo(SeedTable.EVERYWHERE);
            assertThat(CliRun.column(doc, "jwt")).isEqualTo(SeedTable.EVERYWHERE);
            assertThat(doc.get("totals").get("in-memory").get("success").asInt()).isEqualTo(2);
            assertThat(doc.get("totals").get("sticky").get("success").asInt()).isEqualTo(4);
        }
    }

    @Test
    void a_balancer_whose_backends_do_not_answer_exits_non_zero_naming_them() {
        int exit = command.run("lb", "--port", "0", "--backend", "http://127.0.0.1:1", "--backend", "http://127.0.0.1:9");

        assertThat(exit).isEqualTo(1);
        assertThat(command.err()).contains("unreachable backends").contains("http://127.0.0.1:1").contains("http://127.0.0.1:9")
                .contains("connection refused").doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void a_balancer_given_no_url_or_an_unknown_policy_is_a_usage_error() {
        assertThat(command.run("lb", "--backend", "10.0.0.2:8081")).isEqualTo(2);
        assertThat(command.err()).contains("--backend takes a URL such as http://");
        assertThat(command.run("lb", "--policy", "random", "--backend", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(command.err()).contains("--policy is 'round-robin' or 'sticky'").doesNotContain("\tat ");
    }

    @Test
    void a_target_that_does_not_answer_exits_non_zero_before_any_step() {
        int exit = command.run("run", "seed", "--target", "redis=http://127.0.0.1:1", "--on-kill", "S1=true");

        assertThat(exit).isEqualTo(1);
        assertThat(command.err()).contains("--target redis=http://127.0.0.1:1 does not answer").doesNotContain("\tat ");
        assertThat(command.out()).doesNotContain("POST /login");
    }

    @Test
    void a_kill_step_against_a_target_with_no_kill_command_is_refused_with_what_to_add() {
        int exit = command.run("run", "seed", "--target", "redis=http://127.0.0.1:1");

        assertThat(exit).isEqualTo(2);
        assertThat(command.err()).contains("'kill S1'").contains("--on-kill S1=").doesNotContain("\tat ");
    }

    @Test
    void a_target_of_no_known_kind_is_a_usage_error() {
        assertThat(command.run("run", "seed", "--target", "mongo=http://127.0.0.1:1", "--on-kill", "S1=true")).isEqualTo(2);
        assertThat(command.err()).contains("'mongo' is no cluster kind");
    }

    @Test
    void a_sentinel_url_with_no_primary_behind_it_exits_non_zero_with_one_line() {
        int exit = command.run("run", "seed", "--redis", "redis-sentinel://127.0.0.1:1,127.0.0.1:9#statelab");

        assertThat(exit).isEqualTo(1);
        assertThat(command.err()).contains("no Sentinel at redis-sentinel://127.0.0.1:1,127.0.0.1:9#statelab names a primary for 'statelab'")
                .doesNotContain("\tat ");
    }
}
