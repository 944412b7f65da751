package statelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code statelab run} as a user types it, on a real lab each time. */
class RunCommandIT {
    private final CliRun command = new CliRun();

    @Test
    void run_seed_json_prints_the_contracts_totals() throws Exception {
        int exit = command.run("run", "seed", "--json");

        JsonNode doc = command.json();
        assertThat(exit).isZero();
        assertThat(doc.get("steps")).hasSize(9);
        assertThat(doc.get("totals").get("in-memory").get("success").asInt()).isEqualTo(2);
        assertThat(doc.get("totals").get("in-memory").get("failure").asInt()).isEqualTo(6);
        assertThat(doc.get("totals").get("sticky").get("success").asInt()).isEqualTo(4);
        assertThat(doc.get("totals").get("redis").get("failure").asInt()).isZero();
        assertThat(doc.get("totals").get("jwt").get("success").asInt()).isEqualTo(8);
    }

    @Test
    void run_seed_prints_a_table_with_totals_and_verdicts() {
        int exit = command.run("run", "seed");

        assertThat(exit).isZero();
        assertThat(command.out()).contains("POST /login").contains("kill S1").contains("not-recognised")
                .contains("in-memory  2 success / 6 failure").contains("verdicts");
    }

    @Test
    void a_users_scenario_file_runs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logout.scenario");
        Files.writeString(file, "as bob builder\nlogin\nsend GET /profile\nlogout\nsend GET /profile\n");

        int exit = command.run("run", file.toString(), "--json");

        JsonNode steps = command.json().get("steps");
        assertThat(exit).isZero();
        assertThat(steps.get(1).get("results").get("redis").get("outcome").asText()).isEqualTo("success");
        assertThat(steps.get(3).get("results").get("redis").get("outcome").asText()).isEqualTo("failure");
    }

    @Test
    void a_bad_scenario_file_names_its_line_and_exits_2(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.scenario");
        Files.writeString(file, "as alice wonderland\nsend next\nteleport S1\n");

        int exit = command.run("run", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(command.err()).contains("bad.scenario:3:").contains("unknown command 'teleport'");
    }

    @Test
    void a_missing_scenario_is_a_clear_usage_error() {
        int exit = command.run("run", "no-such-scenario");

        assertThat(exit).isEqualTo(2);
        assertThat(command.err()).contains("no built-in scenario and no file called 'no-such-scenario'");
    }

    @Test
    void a_bad_option_value_is_a_usage_error() {
        assertThat(command.run("run", "seed", "--redis", "not a url")).isEqualTo(2);
        assertThat(command.err()).contains("--redis takes a URL");
    }

    @Test
    void a_relative_scenario_path_is_read_from_the_callers_folder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.scenario"), "as bob builder\nlogin\nsend GET /profile\n");
        CliRun.inCallerFolder(dir.toString(), () -> {
            int exit = command.run("run", "mine.scenario", "--json");

            assertThat(exit).as(command.err()).isZero();
            assertThat(command.json().get("steps")).hasSize(2);
        });
    }

    @Test
    void a_node_the_lab_will_not_have_stops_the_file_before_anything_runs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nine.scenario");
        Files.writeString(file, "as alice wonderland\nsend next\nkill S9\n");

        int exit = command.run("run", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(command.out()).as("nothing ran, so no table").isEmpty();
        assertThat(command.err()).startsWith("statelab: " + file + ":3: no node S9");
    }

    @Test
    void a_send_line_with_a_broken_json_body_stops_the_file_before_anything_runs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("body.scenario");
        Files.writeString(file, "as alice wonderland\nlogin\nsend POST /settings {theme: dark}\n");

        int exit = command.run("run", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(command.out()).isEmpty();
        assertThat(command.err()).contains("body.scenario:3: the body is not valid JSON");
    }

    @Test
    void a_refused_request_is_reported_with_the_kind_the_node_answered(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("refused.scenario");
        Files.writeString(file, "as alice wonderland\nsend POST /login {\"user\": \"alice\"}\nsend GET /nowhere\n");

        int exit = command.run("run", file.toString(), "--json");

        JsonNode doc = command.json();
        assertThat(exit).as(command.err()).isZero();
        for (String strategy : new String[] {"in-memory", "sticky", "redis", "jwt"}) {
            assertThat(doc.at("/steps/0/results/" + strategy + "/kind").asText()).as(strategy).isEqualTo("bad-request");
            assertThat(doc.at("/steps/1/results/" + strategy + "/kind").asText()).as(strategy).isEqualTo("not-found");
            assertThat(doc.at("/totals/" + strategy + "/failuresByKind/bad-request").asInt()).as(strategy).isEqualTo(1);
        }
        assertThat(command.out()).doesNotContain("bad-credential");
    }

    @Test
    void a_redis_url_where_nothing_answers_is_refused_at_start() {
        int exit = command.run("run", "seed", "--redis", "redis://127.0.0.1:1");

        assertThat(exit).isEqualTo(1);
        assertThat(command.out()).isEmpty();
        assertThat(command.err()).startsWith("statelab: no Redis answers at redis://127.0.0.1:1 (")
                .contains("leave out --redis").doesNotContain("Exception");
    }
}
