package statelab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisCommandStatsTest {
    private static final String INFO = "# Commandstats\r\n"
            + "cmdstat_getex:calls=120,usec=300,usec_per_call=2.50,rejected_calls=0,failed_calls=0\r\n"
            + "cmdstat_info:calls=3,usec=90,usec_per_call=30.00\r\n"
            + "cmdstat_set:calls=7,usec=20,usec_per_call=2.86\r\n";

    @Test
    void the_calls_of_each_command_are_read_from_info() {
        assertThat(RedisCommandStats.parse(INFO)).containsExactly(
                Map.entry("getex", 120L), Map.entry("info", 3L), Map.entry("set", 7L));
    }

    @Test
    void a_delta_leaves_out_info_and_unchanged_commands() {
        Map<String, Long> before = Map.of("getex", 120L, "info", 3L, "set", 7L);
        Map<String, Long> after = Map.of("getex", 220L, "info", 4L, "set", 7L, "exists", 5L);

        assertThat(RedisCommandStats.delta(before, after)).containsExactly(Map.entry("exists", 5L), Map.entry("getex", 100L));
    }
}
