package statelab.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import statelab.session.FailureKind;

/** A session failure is answered as the problem kind of the same key and status. */
class FailureKindAnswerTest {

    @Test
    void every_failure_kind_is_a_problem_kind_with_the_same_status() {
        for (FailureKind failure : FailureKind.values()) {
            assertThat(NodeResponses.problemKind(failure).key()).isEqualTo(failure.key());
            assertThat(NodeResponses.problemKind(failure).status()).as(failure.key()).isEqualTo(failure.httpStatus());
        }
    }
}
