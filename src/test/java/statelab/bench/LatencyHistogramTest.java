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
    void percentiles_of_large_latencies_are_within_three_percent() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 100_000; i++) {
            h.record(i);
        }

        assertThat((double) h.percentile(50)).isCloseTo(50_000, within(1_500.0));
        assertThat((double) h.percentile(99)).isCloseTo(99_000, within(3_000.0));
        assertThat((double) h.max()).isCloseTo(100_000, within(3_000.0));
    }

    @Test
    void every_bucket_holds_the_values_that_map_to_it() {
        for (long v = 0; v < 5_000_000; v = v * 3 / 2 + 1) {
            long middle = LatencyHistogram.valueOf(LatencyHistogram.bucketOf(v));
            assertThat((double) middle).as("value %d", v).isCloseTo(v, within(Math.max(1, v * 0.03)));
        }
    }

    @Test
    void negative_and_huge_values_are_clamped_not_lost() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-5);
        h.record(Long.MAX_VALUE);

        assertThat(h.count()).isEqualTo(2);
        assertThat(h.percentile(1)).isZero();
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
