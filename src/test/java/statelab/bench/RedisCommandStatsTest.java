package statelab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisCommandStatsTest {
    @Test
    void a_delta_leaves_out_info_and_unchanged_commands() {
        Map<String, Long> before = Map.of("getex", 120L, "info", 3L, "set", 7L);
        Map<String, Long> after = Map.of("getex", 220L, "info", 4L, "set", 7L, "exists", 5L);

        assertThat(RedisCommandStats.delta(before, after)).containsExactly(Map.entry("exists", 5L), Map.entry("getex", 100L));
    }
}
