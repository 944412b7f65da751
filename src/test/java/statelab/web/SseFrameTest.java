package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SseFrameTest {

    @Test
    void an_event_is_its_name_then_its_data_then_a_blank_line() {
        assertThat(SseFrame.event("state", "{\"a\":1}")).isEqualTo("event: state\ndata: {\"a\":1}\n\n");
    }

    @Test
    void data_spanning_lines_becomes_one_data_line_per_line_whatever_the_line_break() {
        assertThat(SseFrame.event("state", "one\ntwo\r\nthree\rfour"))
                .isEqualTo("event: state\ndata: one\ndata: two\ndata: three\ndata: four\n\n");
    }

    @Test
    void empty_data_is_still_one_data_line_so_the_browser_fires_the_event() {
        assertThat(SseFrame.event("state", "")).isEqualTo("event: state\ndata: \n\n");
    }

    @Test
    void a_comment_starts_with_a_colon_and_ends_the_frame() {
        assertThat(SseFrame.comment("keep-alive")).isEqualTo(": keep-alive\n\n");
    }

    @Test
    void retry_tells_the_browser_how_long_to_wait_before_reconnecting() {
        assertThat(SseFrame.retry(1000)).isEqualTo("retry: 1000\n\n");
    }

    @Test
    void an_event_name_or_comment_with_a_line_break_is_refused_rather_than_injecting_fields() {
        assertThatThrownBy(() -> SseFrame.event("state\ndata: x", "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SseFrame.comment("a\nevent: x")).isInstanceOf(IllegalArgumentException.class);
    }
}
