package statelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {

    @Test
    void the_seed_scenario_is_four_requests_a_kill_and_four_more() {
        Scenario seed = Scenarios.seed();

        assertThat(seed.name()).isEqualTo("seed");
        assertThat(seed.steps()).hasSize(9);
        assertThat(seed.steps().get(4)).isEqualTo(new Step.Kill("S1"));
        assertThat(seed.steps().stream().filter(Step::isRequest)).hasSize(8);
        assertThat(seed.users()).containsEntry("alice", "wonderland");
    }

    @Test
    void every_command_of_the_format_parses() throws Exception {
        Scenario scenario = ScenarioParser.parse("all", """
                scenario everything   # a comment
                as bob builder
                login
                send GET /profile
                send POST /settings {"theme": "dark"}
                send next
                logout
                kill S2
                restart S2
                add node
                stop redis
                start redis
                jwt-revocation on
                wait 250ms
                wait 1s
                repeat 3 send next
                """);

        assertThat(scenario.name()).isEqualTo("everything");
        assertThat(scenario.steps()).hasSize(16).contains(
                new Step.Login("bob", "builder"),
                new Step.Send("bob", "POST", "/settings", "{\"theme\": \"dark\"}"),
                new Step.Restart("S2"), new Step.AddNode(), new Step.StopRedis(), new Step.JwtRevocation(true),
                new Step.Wait(Duration.ofMillis(250)), new Step.Wait(Duration.ofSeconds(1)));
    }

    @Test
    void a_bad_line_is_reported_with_its_number() {
        assertThatThrownBy(() -> ScenarioParser.parse("bad.scenario", "as alice wonderland\nsend next\nexplode S1\n"))
                .isInstanceOf(ScenarioSyntaxException.class)
                .hasMessageStartingWith("bad.scenario:3: unknown command 'explode'")
                .satisfies(e -> assertThat(((ScenarioSyntaxException) e).line()).isEqualTo(3));
    }

    @Test
    void a_request_before_any_user_is_refused() {
        assertThatThrownBy(() -> ScenarioParser.parse("x", "send next"))
                .hasMessageContaining("x:1:").hasMessageContaining("as USER PASSWORD");
    }

    @Test
    void malformed_arguments_are_refused_with_what_was_expected() {
        assertThatThrownBy(() -> ScenarioParser.parse("x", "kill node1")).hasMessageContaining("kill Sn");
        assertThatThrownBy(() -> ScenarioParser.parse("x", "wait soon")).hasMessageContaining("wait 500ms");
        assertThatThrownBy(() -> ScenarioParser.parse("x", "repeat many kill S1")).hasMessageContaining("repeat N");
        assertThatThrownBy(() -> ScenarioParser.parse("x", "repeat 100000 kill S1")).hasMessageContaining("from 1 to");
        assertThatThrownBy(() -> ScenarioParser.parse("x", "as alice\nsend FETCH /x")).hasMessageContaining("x:1:");
        assertThatThrownBy(() -> ScenarioParser.parse("x", "as alice w\nsend FETCH /x")).hasMessageContaining("x:2:");
        assertThatThrownBy(() -> ScenarioParser.parse("x", "# only a comment\n")).hasMessageContaining("no steps");
    }

    @Test
    void a_send_body_that_is_not_json_is_refused_with_its_line() {
        assertThatThrownBy(() -> ScenarioParser.parse("bad.scenario", "as alice wonderland\nlogin\nsend POST /settings {\"theme\": dark}\n"))
                .isInstanceOf(ScenarioSyntaxException.class)
                .hasMessageStartingWith("bad.scenario:3: the body is not valid JSON");
    }

    @Test
    void a_hash_inside_a_body_is_not_a_comment() throws Exception {
        Scenario scenario = ScenarioParser.parse("x", "as alice wonderland\nsend POST /settings {\"color\": \"#fff\"}  # pale\n");

        assertThat(scenario.steps()).containsExactly(new Step.Send("alice", "POST", "/settings", "{\"color\": \"#fff\"}"));
    }

    @Test
    void every_step_remembers_its_line_and_a_repeat_gives_its_line_to_each_copy() throws Exception {
        Scenario scenario = ScenarioParser.parse("x", "as alice wonderland\n\nlogin\nrepeat 2 send next\n");

        assertThat(scenario.lines()).containsExactly(3, 4, 4);
        assertThat(scenario.source()).isEqualTo("x");
    }
}
