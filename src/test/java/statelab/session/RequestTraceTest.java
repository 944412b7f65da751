package statelab.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestTraceTest {

    @Test
    void a_thread_that_never_begins_a_trace_keeps_at_most_the_limit_of_commands() {
        RequestTrace.begin();
        for (int i = 0; i < RequestTrace.MAX_COMMANDS * 10; i++) {
            RequestTrace.recordCommand("GETEX");
        }

        assertThat(RequestTrace.commands()).hasSize(RequestTrace.MAX_COMMANDS);
    }

    @Test
    void begin_forgets_what_the_thread_recorded_before() {
        RequestTrace.recordCommand("GET");

        RequestTrace.begin();
        RequestTrace.recordCommand("GETEX");

        assertThat(RequestTrace.commands()).containsExactly("GETEX");
    }
}
