package statelab.scenario;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenarioCheckTest {

    private static Scenario parse(String text) throws ScenarioSyntaxException {
        return ScenarioParser.parse("my.scenario", text);
    }

    @Test
    void a_node_the_lab_does_not_have_is_refused_with_file_and_line() throws Exception {
        Scenario scenario = parse("as alice wonderland\nsend next\nkill S9\n");

        assertThatThrownBy(() -> ScenarioCheck.against(scenario, 3, true))
                .isInstanceOf(ScenarioSyntaxException.class)
                .hasMessageStartingWith("my.scenario:3: no node S9 at this point: the clusters have S1, S2 and S3");
    }

    @Test
    void a_node_added_earlier_in_the_file_may_be_named() throws Exception {
        Scenario scenario = parse("add node\nkill S4\nrestart S4\n");
        assertThatThrownBy(() -> ScenarioCheck.against(parse("drain S7\n"), 3, true)).hasMessageStartingWith("my.scenario:1: no node S7");

        assertThatCode(() -> ScenarioCheck.against(scenario, 3, true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ScenarioCheck.against(parse("kill S4\nadd node\n"), 3, true))
                .hasMessageStartingWith("my.scenario:1: no node S4");
    }

    @Test
    void more_nodes_at_start_make_more_names_valid() throws Exception {
        assertThatCode(() -> ScenarioCheck.against(parse("restart S5\n"), 5, true)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ScenarioCheck.against(parse("restart S2\n"), 1, true))
                .hasMessageContaining("the clusters have only S1");
    }

    @Test
    void stopping_a_redis_the_lab_does_not_run_is_refused() throws Exception {
        Scenario scenario = parse("as bob builder\nlogin\nstop redis\n");

        assertThatThrownBy(() -> ScenarioCheck.against(scenario, 3, false))
                .hasMessageStartingWith("my.scenario:3: 'stop redis' needs the lab's own Redis");
        assertThatCode(() -> ScenarioCheck.against(scenario, 3, true)).doesNotThrowAnyException();
    }
}
