package statelab.session.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisAdminTest {
    private static final String INFO = "# Commandstats\r\n"
            + "cmdstat_getex:calls=120,usec=300,usec_per_call=2.50,rejected_calls=0,failed_calls=0\r\n"
            + "cmdstat_info:calls=3,usec=90,usec_per_call=30.00\r\n"
            + "cmdstat_set:calls=7,usec=20,usec_per_call=2.86\r\n";

    @Test
    void the_calls_of_each_command_are_read_from_info_in_the_servers_order() {
        assertThat(RedisAdmin.commandCalls(INFO)).containsExactly(
                Map.entry("getex", 120L), Map.entry("info", 3L), Map.entry("set", 7L));
    }

    @Test
    void lines_that_are_not_command_counts_are_skipped() {
        assertThat(RedisAdmin.commandCalls("# Server\nredis_version:6.2.14\ncmdstat_broken\n")).isEmpty();
    }

    @Test
    void a_stats_counter_is_read_from_its_line_and_is_zero_when_the_server_has_none() {
        String stats = "# Stats\r\ntotal_connections_received:12\r\ntotal_reads_processed:48213\r\ntotal_writes_processed:48101\r\n";

        assertThat(RedisAdmin.statsCounter(stats, "total_reads_processed")).isEqualTo(48_213);
        assertThat(RedisAdmin.statsCounter("# Stats\r\ntotal_connections_received:12\r\n", "total_reads_processed")).isZero();
    }
}
