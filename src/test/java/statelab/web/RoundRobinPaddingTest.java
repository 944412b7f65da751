package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoundRobinPaddingTest {

    @Test
    void three_requests_on_three_healthy_nodes_need_no_padding() {
        assertThat(RoundRobinPadding.padding(3, 3)).isZero();
    }

    @Test
    void the_padding_tops_the_requests_up_to_a_whole_number_of_rotations() {
        assertThat(RoundRobinPadding.padding(222, 3)).isEqualTo(0);
        assertThat(RoundRobinPadding.padding(223, 3)).isEqualTo(2);
        assertThat(RoundRobinPadding.padding(3, 2)).isEqualTo(1);
        assertThat(RoundRobinPadding.padding(5, 1)).isZero();
    }

    @Test
    void with_no_healthy_node_there_is_no_rotation_to_keep() {
        assertThat(RoundRobinPadding.padding(7, 0)).isZero();
    }
}
