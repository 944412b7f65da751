package statelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import statelab.TestLab;

/** The rate-limit lab gives exactly the contract's figures, and again when run a second time on the same lab. */
class RateLimitLabIT {
    private static final String FIGURES = "{\"passwordsChecked\": {\"node\": 15, \"redis\": 5}, \"guesses\": 15}";
    private static TestLab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = TestLab.start();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    void counted_per_node_fifteen_passwords_are_checked_counted_in_redis_five() throws Exception {
        JsonNode run = StateLabRun.json(lab, "rate-limit");

        assertThat(run.get("scenario").asText()).isEqualTo("rate-limit");
        assertThat(run.get("figures")).isEqualTo(StateLabRun.expected(FIGURES));
        assertThat(run.get("verdicts").size()).isEqualTo(2);
    }

    @Test
    void a_second_run_on_the_same_lab_measures_the_same() throws Exception {
        StateLabRun.json(lab, "rate-limit");

        assertThat(StateLabRun.json(lab, "rate-limit").get("figures")).isEqualTo(StateLabRun.expected(FIGURES));
    }
}
