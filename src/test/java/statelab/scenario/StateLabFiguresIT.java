package statelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import statelab.TestLab;

/**
 * The state labs whose figures are exact (cache, uploads, rate-limit), each on a lab of its own: the
 * contract's figures, a verdict per side, and the same figures again when run a second time on the same warm lab.
 */
class StateLabFiguresIT {
    /** How a lab's verdicts begin, where the contract says it. */
    private static final Map<String, Map<String, String>> VERDICTS_START = Map.of(
            "cache", Map.of("local", "2 of 3 reads after the change still showed the old price", "shared", "None of the 3 reads"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cache      | {"staleReads": {"local": 2, "shared": 0}, "reads": 3}
            uploads    | {"found": {"local": 1, "shared": 3}, "of": 3}
            rate-limit | {"passwordsChecked": {"node": 15, "redis": 5}, "guesses": 15}
            """)
    void the_lab_measures_the_contracts_figures_and_the_same_again_on_the_same_warm_lab(String name, String figures) throws Exception {
        try (TestLab lab = TestLab.start()) {
            JsonNode run = StateLabRun.json(lab, name);
            JsonNode again = StateLabRun.json(lab, name);

            assertThat(run.get("scenario").asText()).isEqualTo(name);
            assertThat(run.get("figures")).isEqualTo(StateLabRun.expected(figures));
            assertThat(run.get("verdicts").size()).isEqualTo(2);
            VERDICTS_START.getOrDefault(name, Map.of()).forEach((side, start) ->
                    assertThat(run.get("verdicts").get(side).asText()).as(side).startsWith(start));
            assertThat(again.get("figures")).isEqualTo(StateLabRun.expected(figures));
        }
    }
}
