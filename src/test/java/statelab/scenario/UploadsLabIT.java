package statelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import statelab.TestLab;

/** The uploads lab gives exactly the contract's figures, and again when run a second time on the same lab. */
class UploadsLabIT {
    private static final String FIGURES = "{\"found\": {\"local\": 1, \"shared\": 3}, \"of\": 3}";
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
    void the_avatar_is_found_on_one_node_from_its_disk_and_on_all_three_from_the_shared_store() throws Exception {
        JsonNode run = StateLabRun.json(lab, "uploads");

        assertThat(run.get("scenario").asText()).isEqualTo("uploads");
        assertThat(run.get("figures")).isEqualTo(StateLabRun.expected(FIGURES));
        assertThat(run.get("verdicts").size()).isEqualTo(2);
    }

    @Test
    void a_second_run_on_the_same_lab_measures_the_same() throws Exception {
        StateLabRun.json(lab, "uploads");

        assertThat(StateLabRun.json(lab, "uploads").get("figures")).isEqualTo(StateLabRun.expected(FIGURES));
    }
}
