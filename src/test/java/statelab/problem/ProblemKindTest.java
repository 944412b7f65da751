package statelab.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/API.md's table of problem kinds and the code's list are the same list. */
class ProblemKindTest {
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `([a-z-]+)` \\| (\\d{3}) \\|");

    private static Map<String, Integer> documented() throws Exception {
        String api = Files.readString(Path.of("docs", "API.md"));
        String table = api.substring(api.indexOf("## Problem kinds"));
        Map<String, Integer> kinds = new LinkedHashMap<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            kinds.put(row.group(1), Integer.parseInt(row.group(2)));
        }
        return kinds;
    }

    @Test
    void every_kind_in_the_docs_is_in_the_code_with_the_same_status_and_no_other() throws Exception {
        Map<String, Integer> inCode = new LinkedHashMap<>();
        Arrays.stream(ProblemKind.values()).forEach(k -> inCode.put(k.key(), k.status()));

        assertThat(documented()).isEqualTo(inCode);
    }

    @Test
    void keys_are_kebab_case_and_unique() {
        assertThat(ProblemKind.values()).extracting(ProblemKind::key).doesNotHaveDuplicates()
                .allMatch(key -> key.matches("[a-z]+(-[a-z]+)*"));
    }

    @Test
    void a_problem_body_names_its_kind_in_type_and_kind_and_is_never_changed_by_with() {
        ProblemDetails shared = ProblemDetails.of(ProblemKind.NODE_DOWN, "no node");

        ProblemDetails extended = shared.with("node", null);

        assertThat(shared.members()).containsEntry("type", "urn:statelab:problem:node-down")
                .containsEntry("kind", "node-down").containsEntry("status", 503).containsEntry("title", "No node is up")
                .doesNotContainKey("node");
        assertThat(extended.members()).containsEntry("node", null);
        assertThat(ProblemDetails.of(ProblemKind.NODE_DOWN, 502, "cut off").status()).isEqualTo(502);
    }
}
