package statelab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Figures keep what was measured and show what the scenario chose, in its order, with 0 for a key never counted. */
class FiguresTest {

    @Test
    void without_a_choice_every_figure_shows_in_the_order_first_measured() {
        Figures figures = new Figures();
        figures.add("staleReads", "local", 1);
        figures.add("staleReads", "local", 1);
        figures.add("staleReads", "shared", 0);
        figures.atLeast("reads", 2);
        figures.atLeast("reads", 3);
        figures.atLeast("reads", 1);

        assertThat(figures.document()).isEqualTo(Map.of("staleReads", Map.of("local", 2L, "shared", 0L), "reads", 3L));
        assertThat(figures.document().keySet()).containsExactly("staleReads", "reads");
    }

    @Test
    void a_choice_keeps_only_the_chosen_figures_and_keys_in_the_chosen_order() {
        Figures figures = new Figures();
        figures.add("failedRequests", "in-memory", 7);
        figures.add("failedRequests", "redis", 0);
        figures.set("stickyUsersMoved", 0);
        figures.add("servedByNewNode", "jwt", 4);
        figures.show("servedByNewNode", List.of("redis", "jwt"));
        figures.show("failedRequests", List.of("redis", "jwt"));
        figures.show("stickyUsersMoved", List.of());
        figures.show("neverMeasured", List.of());

        assertThat(figures.document()).isEqualTo(Map.of("servedByNewNode", Map.of("redis", 0L, "jwt", 4L),
                "failedRequests", Map.of("redis", 0L, "jwt", 0L), "stickyUsersMoved", 0L));
        assertThat(figures.document().keySet()).containsExactly("servedByNewNode", "failedRequests", "stickyUsersMoved");
    }

    @Test
    void verdicts_say_in_words_what_the_numbers_show() {
        Map<String, String> verdicts = StateVerdicts.of(Map.of("passwordsChecked", Map.of("node", 15L, "redis", 5L), "guesses", 15L));

        assertThat(verdicts.get("node")).startsWith("15 of 15 wrong passwords were checked");
        assertThat(verdicts.get("redis")).startsWith("Only 5 of 15 wrong passwords were checked");
        assertThat(verdicts.values()).noneMatch(v -> v.contains("passwordsChecked"));
    }
}
