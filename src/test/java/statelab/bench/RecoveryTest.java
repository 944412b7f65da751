package statelab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecoveryTest {

    private static long[] filled(int bins, long value) {
        long[] out = new long[bins];
        Arrays.fill(out, value);
        return out;
    }

    @Test
    void a_kill_that_disturbed_nothing_recovers_at_once() {
        assertThat(Recovery.seconds(filled(50, 100), filled(50, 0), 20, 2_000)).isZero();
    }

    @Test
    void recovery_ends_with_the_last_bin_that_had_extra_failures() {
        long[] ok = filled(50, 100);
        long[] failed = filled(50, 0);
        failed[20] = 40;
        failed[22] = 10;

        assertThat(Recovery.seconds(ok, failed, 20, 2_000)).isEqualTo(0.3);
    }

    @Test
    void a_stall_without_failures_counts_as_disturbed() {
        long[] ok = filled(50, 100);
        ok[21] = 0;
        ok[22] = 30;

        assertThat(Recovery.seconds(ok, filled(50, 0), 20, 2_050)).isEqualTo(0.25);
    }

    @Test
    void failures_as_frequent_as_before_the_kill_do_not_count() {
        long[] failed = filled(50, 66);

        assertThat(Recovery.seconds(filled(50, 34), failed, 20, 2_000)).isZero();
    }

    @Test
    void a_run_still_failing_in_its_last_second_has_not_recovered() {
        long[] ok = filled(50, 100);
        long[] failed = filled(50, 0);
        for (int i = 20; i < 50; i++) {
            ok[i] = 66;
            failed[i] = 34;
        }

        assertThat(Recovery.seconds(ok, failed, 20, 2_000)).isNull();
    }
}
