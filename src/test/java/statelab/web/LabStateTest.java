package statelab.web;

import static org.assertj.core.api.Assertions.assertThat;
import static statelab.web.WebFixtures.failure;
import static statelab.web.WebFixtures.request;
import static statelab.web.WebFixtures.success;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import statelab.lab.LabEvent;
import statelab.scenario.StepReport;
import statelab.session.FailureKind;

class LabStateTest {
    private final AtomicInteger changes = new AtomicInteger();
    private final LabState state = new LabState(changes::incrementAndGet);

    @Test
    void each_request_counts_as_a_success_or_a_failure_in_its_own_cluster() {
        state.record(request(1, "in-memory", success("S1"), "redis", success("S1")));
        state.record(request(2, "in-memory", failure("S2", FailureKind.NOT_RECOGNISED), "redis", success("S2")));

        LabState.Snapshot snapshot = state.snapshot();
        assertThat(snapshot.counters("in-memory")).isEqualTo(new LabState.Counters(1, 1, Map.of("not-recognised", 1)));
        assertThat(snapshot.counters("redis")).isEqualTo(new LabState.Counters(2, 0, Map.of()));
        assertThat(snapshot.counters("jwt")).isEqualTo(LabState.Counters.ZERO);
    }

    @Test
    void failures_are_also_counted_by_kind() {
        state.record(request(1, "redis", failure("S1", FailureKind.STORE_DOWN)));
        state.record(request(2, "redis", failure("S2", FailureKind.STORE_DOWN)));
        state.record(request(3, "redis", failure("S3", FailureKind.NOT_RECOGNISED)));

        assertThat(state.snapshot().counters("redis").byKind()).containsExactly(
                Map.entry("store-down", 2), Map.entry("not-recognised", 1));
    }

    @Test
    void the_last_request_of_each_cluster_is_kept_with_its_number_in_the_walk() {
        state.record(request(1, "in-memory", success("S1")));
        state.record(request(2, "in-memory", failure("S2", FailureKind.NOT_RECOGNISED)));

        LabState.Last last = state.snapshot().last().get("in-memory");
        assertThat(last.index()).isEqualTo(2);
        assertThat(last.result().node()).isEqualTo("S2");
    }

    @Test
    void lab_actions_are_kept_as_steps_so_the_verdicts_know_when_a_node_crashed() {
        state.record(request(1, "in-memory", success("S1")));
        state.record(new StepReport(null, "kill S1", Map.of(), "S1 crashed in every cluster"));

        assertThat(state.snapshot().steps()).extracting(StepReport::action).containsExactly("GET /profile", "kill S1");
        assertThat(state.snapshot().counters("in-memory")).isEqualTo(new LabState.Counters(1, 0, Map.of()));
    }

    @Test
    void a_reset_zeroes_counters_and_steps_but_keeps_the_event_log() {
        state.record(request(1, "in-memory", success("S1")));
        state.onEvent(LabEvent.of("reset", null, "the lab was reset"));
        state.reset();

        LabState.Snapshot snapshot = state.snapshot();
        assertThat(snapshot.counters("in-memory")).isEqualTo(LabState.Counters.ZERO);
        assertThat(snapshot.last()).isEmpty();
        assertThat(snapshot.steps()).isEmpty();
        assertThat(snapshot.log()).extracting(LabEvent::type).containsExactly("reset");
    }

    @Test
    void the_log_keeps_the_newest_two_hundred_events_oldest_first() {
        for (int i = 1; i <= 250; i++) {
            state.onEvent(LabEvent.of("request", null, "#" + i));
        }
        assertThat(state.snapshot().log()).hasSize(LabState.LOG_SIZE);
        assertThat(state.snapshot().log().get(0).message()).isEqualTo("#51");
        assertThat(state.snapshot().log().get(199).message()).isEqualTo("#250");
    }

    @Test
    void every_change_is_signalled() {
        state.record(request(1, "in-memory", success("S1")));
        state.onEvent(LabEvent.of("node-killed", "in-memory", "S1 crashed"));
        state.reset();
        assertThat(changes).hasValue(3);
    }
}
