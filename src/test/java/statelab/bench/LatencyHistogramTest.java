package statelab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void small_latencies_are_counted_exactly() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 50; i++) {
            h.record(i);
        }

        assertThat(h.count()).isEqualTo(50);
        assertThat(h.percentile(50)).isEqualTo(25);
        assertThat(h.percentile(100)).isEqualTo(50);
    }

    @Test
    void percentiles_of_large_latencies_are_within_a_tenth_of_a_percent() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 100_000; i++) {
            h.record(i);
        }

        assertThat((double) h.percentile(50)).isCloseTo(50_000, within(50.0));
        assertThat((double) h.percentile(99)).isCloseTo(99_000, within(99.0));
        assertThat((double) h.max()).isCloseTo(100_000, within(100.0));
    }

    @Test
    void minutes_long_latencies_are_kept_too() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(10);
        h.record(600_000_000L);

        assertThat((double) h.max()).isCloseTo(600_000_000L, within(600_000.0));
    }

    @Test
    void negative_values_count_as_zero_and_are_not_lost() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-5);

        assertThat(h.count()).isEqualTo(1);
        assertThat(h.percentile(100)).isZero();
    }

    @Test
    void merging_adds_the_counts() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.record(10);
        b.record(1_000);
        b.record(1_000);

        a.add(b);

        assertThat(a.count()).isEqualTo(3);
        assertThat(a.percentile(34)).isGreaterThan(900);
    }

    @Test
    void an_empty_histogram_answers_zero() {
        assertThat(new LatencyHistogram().percentile(99)).isZero();
        assertThat(new LatencyHistogram().max()).isZero();
    }
}
