package statelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The state labs' commands in scenario files: what each becomes, and the mistakes that are refused with the line. */
class StateStepParserTest {

    private static List<StateStep> steps(String text) throws ScenarioSyntaxException {
        return ScenarioParser.parse("test", text).steps().stream().map(s -> ((Step.StateLab) s).step()).toList();
    }

    @Test
    void price_commands_act_on_the_cluster_chosen_last_and_redis_before_any_choice() throws ScenarioSyntaxException {
        assertThat(steps("price read local\non jwt\nprice read shared\nprice set +10 via S1\nprice set 250 via S3"))
                .containsExactly(new StateStep.PriceRead("redis", "local"), new StateStep.PriceRead("jwt", "shared"),
                        new StateStep.PriceSet("jwt", 10, true, "S1"), new StateStep.PriceSet("jwt", 250, false, "S3"));
    }

    @Test
    void avatar_and_pairs_belong_to_the_current_user() throws ScenarioSyntaxException {
        assertThat(steps("as bob builder\navatar upload shared\navatar read local\npairs 200 settings naive via S1 S2"))
                .containsExactly(new StateStep.AvatarUpload("redis", "bob", "shared"), new StateStep.AvatarRead("redis", "bob", "local"),
                        new StateStep.Pairs("redis", "bob", 200, "naive", "S1", "S2"));
    }

    @Test
    void guesses_throttle_drain_users_and_figures_are_read_as_written() throws ScenarioSyntaxException {
        assertThat(steps("""
                login-throttle node
                guess 15 wrong passwords for mallory
                drain S2
                users 11 start
                users stop
                users stop after 5
                figures failedRequests redis jwt
                figures reads
                """)).containsExactly(new StateStep.LoginThrottle(false), new StateStep.Guess("redis", 15, "mallory"),
                new StateStep.Drain("S2"), new StateStep.UsersStart(11), new StateStep.UsersStop(3), new StateStep.UsersStop(5),
                new StateStep.ShowFigure("failedRequests", List.of("redis", "jwt")), new StateStep.ShowFigure("reads", List.of()));
    }

    @Test
    void repeat_works_with_the_new_commands() throws ScenarioSyntaxException {
        assertThat(steps("repeat 3 price read local")).hasSize(3).containsOnly(new StateStep.PriceRead("redis", "local"));
    }

    @Test
    void every_built_in_state_lab_parses() throws ScenarioSyntaxException {
        for (String name : List.of("cache", "uploads", "rate-limit", "lost-update", "rolling-restart", "scale-out")) {
            assertThat(Scenarios.builtIn(name)).as(name).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo(name));
        }
    }

    @Test
    void mistakes_are_refused_with_the_line_and_what_was_expected() {
        String[][] cases = {
            {"on mars", "expected 'on CLUSTER'"},
            {"price read everywhere", "price read local|shared"},
            {"price set 0 via S1", "N from 1 to 1000000"},
            {"price set +5 via node1", "such as S1"},
            {"price set 5000000 via S1", "N from 1 to"},
            {"avatar upload local", "no user yet"},
            {"as alice wonderland\navatar upload ../../etc", "avatar upload local|shared"},
            {"guess 101 wrong passwords for mallory", "N from 1 to 100"},
            {"guess 5 wrong passwords for Mallory!", "guess N wrong passwords for NAME"},
            {"login-throttle cluster", "login-throttle node|redis"},
            {"as alice wonderland\npairs 0 settings naive via S1 S2", "N from 1 to 5000"},
            {"as alice wonderland\npairs 10 settings sloppy via S1 S2", "naive|atomic"},
            {"drain", "drain Sn"},
            {"users 1000 start", "N from 1 to 100"},
            {"users go", "users N start"},
            {"figures", "figures NAME"},
            {"figures bad;name", "figures NAME"},
        };
        for (String[] c : cases) {
            int line = c[0].split("\n").length;
            assertThatThrownBy(() -> ScenarioParser.parse("lab.scenario", c[0])).as(c[0])
                    .isInstanceOf(ScenarioSyntaxException.class)
                    .hasMessageContaining("lab.scenario:" + line)
                    .hasMessageContaining(c[1]);
        }
    }
}
