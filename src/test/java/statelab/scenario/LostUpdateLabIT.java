package statelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import statelab.LabFixture;

/**
 * The lost-update lab: with 200 pairs, the naive read-modify-write loses changes and the atomic
 * change loses none. The naive count is measured, so only its sign is the contract's.
 */
class LostUpdateLabIT {
    @RegisterExtension
    static final LabFixture lab = LabFixture.standard();

    @Test
    void the_naive_path_loses_changes_and_the_atomic_one_none_in_200_pairs() throws Exception {
        JsonNode run = StateLabRun.json(lab, "lost-update");
        JsonNode figures = run.get("figures");

        assertThat(run.get("scenario").asText()).isEqualTo("lost-update");
        assertThat(figures.fieldNames()).toIterable().containsExactly("lostUpdates", "pairs");
        assertThat(figures.get("lostUpdates").fieldNames()).toIterable().containsExactly("naive", "atomic");
        assertThat(figures.get("lostUpdates").get("naive").isIntegralNumber()).isTrue();
        assertThat(figures.get("lostUpdates").get("naive").asLong()).isGreaterThan(0);
        assertThat(figures.get("lostUpdates").get("atomic").asLong()).isZero();
        assertThat(figures.get("pairs").asLong()).isEqualTo(200);
        assertThat(run.get("verdicts").get("naive").asText()).contains("changes were lost");
    }
}
