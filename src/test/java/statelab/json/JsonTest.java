package statelab.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    private final ObjectReader untrusted = Json.untrustedReader(StreamReadConstraints.builder().maxNestingDepth(2).build());

    @Test
    void a_map_written_compactly_reads_back_the_same() throws IOException {
        String text = Json.writer().writeValueAsString(Map.of("user", "alice", "ids", List.of(1, 2)));

        Map<String, Object> back = Json.mapReader().readValue(text);

        assertThat(text).doesNotContain("\n");
        assertThat(back).containsEntry("user", "alice").containsEntry("ids", List.of(1, 2));
    }

    @Test
    void the_pretty_writer_indents() throws IOException {
        assertThat(Json.prettyWriter().writeValueAsString(Map.of("a", 1))).isEqualTo("{\n  \"a\" : 1\n}");
    }

    @Test
    void a_tree_converts_to_plain_maps_and_lists() {
        var node = Json.object().put("n", 3);
        node.set("list", Json.tree(List.of("x")));

        assertThat(Json.toMap(node)).containsEntry("n", 3).containsEntry("list", List.of("x"));
    }

    @Test
    void the_untrusted_reader_takes_a_plain_document() throws IOException {
        assertThat(untrusted.readTree("{\"a\": [1]}").at("/a/0").asInt()).isEqualTo(1);
    }

    @Test
    void the_untrusted_reader_refuses_a_duplicate_key_trailing_bytes_and_depth_past_its_limit() {
        assertThatThrownBy(() -> untrusted.readTree("{\"a\": 1, \"a\": 2}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> untrusted.readTree("{\"a\": 1} {}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> untrusted.readTree("[[[1]]]")).isInstanceOf(IOException.class);
    }

    @Test
    void the_shared_reader_is_not_changed_by_an_untrusted_one() throws IOException {
        assertThat(Json.reader().readTree("[[[[1]]]]").at("/0/0/0/0").asInt()).isEqualTo(1);
        assertThat(Json.reader().readTree("{\"a\": 1, \"a\": 2}").get("a").asInt()).isEqualTo(2);
    }
}
