package statelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import statelab.TestLab;

/** The cache lab gives exactly the contract's figures, and again when run a second time on the same lab. */
class CacheLabIT {
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
    void two_of_three_reads_are_stale_with_local_caches_and_none_with_the_shared_cache() throws Exception {
        JsonNode run = StateLabRun.json(lab, "cache");

        assertThat(run.get("scenario").asText()).isEqualTo("cache");
        assertThat(run.get("figures")).isEqualTo(StateLabRun.expected("{\"staleReads\": {\"local\": 2, \"shared\": 0}, \"reads\": 3}"));
        assertThat(run.get("verdicts").get("local").asText()).startsWith("2 of 3 reads after the change still showed the old price");
        assertThat(run.get("verdicts").get("shared").asText()).startsWith("None of the 3 reads");
    }

    @Test
    void a_second_run_on_the_same_warm_lab_measures_the_same() throws Exception {
        StateLabRun.json(lab, "cache");

        JsonNode again = StateLabRun.json(lab, "cache");

        assertThat(again.get("figures")).isEqualTo(StateLabRun.expected("{\"staleReads\": {\"local\": 2, \"shared\": 0}, \"reads\": 3}"));
    }
}
