package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventOutboxTest {
    private final EventOutbox outbox = new EventOutbox(Duration.ofMillis(20));

    @Test
    void a_newer_state_replaces_one_not_yet_written() throws InterruptedException {
        outbox.offer("state", "old");
        outbox.offer("state", "new");

        assertThat(outbox.take()).isEqualTo("new");
        assertThat(outbox.take()).isEqualTo(SseFrame.comment("keep-alive"));
    }

    @Test
    void events_of_different_names_are_all_delivered_in_the_order_they_came() throws InterruptedException {
        outbox.offer("state", "s");
        outbox.offer("compare", "c");

        assertThat(outbox.take()).isEqualTo("s");
        assertThat(outbox.take()).isEqualTo("c");
    }

    @Test
    void a_quiet_spell_yields_a_keep_alive_comment() throws InterruptedException {
        assertThat(outbox.take()).isEqualTo(": keep-alive\n\n");
    }

    @Test
    void once_ended_the_writer_is_told_to_stop_even_with_frames_waiting() throws InterruptedException {
        outbox.offer("state", "s");
        outbox.end();

        assertThat(outbox.take()).isNull();
    }
}
