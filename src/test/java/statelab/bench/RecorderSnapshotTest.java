package statelab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import statelab.json.Json;

class RecorderSnapshotTest {
    private static final long MILLI = 1_000_000L;

    @Test
    void a_recorder_restored_from_its_snapshot_through_json_holds_the_same_figures() throws Exception {
        long origin = 1_000 * MILLI;
        Recorder recorder = new Recorder(origin, 300 * MILLI);
        recorder.record(origin + 10 * MILLI, 800, null, 50);
        recorder.record(origin + 20 * MILLI, 1_200, null, 50);
        recorder.mark(origin + 150 * MILLI);
        recorder.record(origin + 160 * MILLI, 4_000, "connection-lost", 50);
        recorder.record(origin + 250 * MILLI, 900, null, 50);

        String json = Json.writer().writeValueAsString(recorder.snapshot());
        Recorder.Snapshot read = Json.reader().forType(Recorder.Snapshot.class).readValue(json);
        Recorder restored = Recorder.restore(read, 77 * MILLI, 300 * MILLI);

        assertThat(restored.origin()).isEqualTo(77 * MILLI);
        assertThat(restored.bins()).isEqualTo(3);
        assertThat(restored.totalOk()).isEqualTo(3);
        assertThat(restored.totalFailed()).isEqualTo(1);
        assertThat(restored.ok(0)).isEqualTo(2);
        assertThat(restored.failedByKind(1)).containsEntry("connection-lost", 1L);
        assertThat(restored.failures()).containsEntry("connection-lost", 1L);
        assertThat(restored.failuresAfterMark()).containsEntry("connection-lost", 1L);
        assertThat(restored.credentialBytes()).isEqualTo(200);
        assertThat(restored.latency().count()).isEqualTo(4);
        assertThat(restored.latency().max()).isEqualTo(recorder.latency().max());
        assertThat(restored.latency(0).percentile(50)).isEqualTo(recorder.latency(0).percentile(50));
        assertThat(restored.latency(1).count()).isEqualTo(1);
    }

    @Test
    void a_snapshot_of_another_window_length_is_refused() {
        Recorder recorder = new Recorder(0, 300 * MILLI);

        assertThatThrownBy(() -> Recorder.restore(recorder.snapshot(), 0, 500 * MILLI))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bins");
    }

    @Test
    void text_that_is_not_an_encoded_histogram_is_refused() {
        assertThatThrownBy(() -> LatencyHistogram.decode("bm90IGEgaGlzdG9ncmFt", false)).isInstanceOf(IllegalArgumentException.class);
    }
}
