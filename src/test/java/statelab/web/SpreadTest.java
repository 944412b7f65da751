package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void nearest_rank_percentiles_of_one_to_a_hundred_are_fifty_and_ninety_five() {
        List<Double> values = new ArrayList<>(IntStream.rangeClosed(1, 100).mapToObj(i -> (double) i).toList());
        Collections.shuffle(values);
        assertThat(Spread.of(values)).isEqualTo(new Spread(50.0, 95.0));
    }

    @Test
    void every_percentile_of_a_single_value_is_that_value_rounded_to_a_tenth() {
        assertThat(Spread.of(List.of(61.34))).isEqualTo(new Spread(61.3, 61.3));
    }

    @Test
    void no_values_means_no_spread_rather_than_a_made_up_zero() {
        assertThat(Spread.of(List.of())).isNull();
    }
}
