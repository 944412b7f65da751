package statelab.web;

import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonBodyTest {

    @Test
    void on_reads_the_switch_position() throws ProblemException {
        assertThat(JsonBody.on("{\"on\": true}")).isTrue();
        assertThat(JsonBody.on("{\"on\": false, \"extra\": 1}")).isFalse();
    }

    @Test
    void text_that_is_not_json_is_a_400_bad_json() {
        assertThatThrownBy(() -> JsonBody.on("{on: yes"))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.kind()).isEqualTo(ProblemKind.BAD_REQUEST);
                });
        assertThatThrownBy(() -> JsonBody.on("")).isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.kind()).isEqualTo(ProblemKind.BAD_REQUEST));
        assertThatThrownBy(() -> JsonBody.on("[true]")).isInstanceOfSatisfying(ProblemException.class, p -> assertThat(p.kind()).isEqualTo(ProblemKind.BAD_REQUEST));
    }

    @Test
    void json_without_a_boolean_on_is_a_400_that_says_what_to_send() {
        assertThatThrownBy(() -> JsonBody.on("{\"on\": \"yes\"}"))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.kind()).isEqualTo(ProblemKind.BAD_REQUEST);
                    assertThat(p.getMessage()).contains("{\"on\": true}");
                });
    }
}
