package statelab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessMetricsTest {
    @Test
    void a_threads_switches_are_its_voluntary_and_nonvoluntary_counts_together() {
        String status = "Name:\tjava\nState:\tS (sleeping)\nvoluntary_ctxt_switches:\t1204\nnonvoluntary_ctxt_switches:\t37\n";

        assertThat(ProcessMetrics.switchesIn(status)).isEqualTo(1_241);
    }

    @Test
    void a_status_without_the_counts_has_none() {
        assertThat(ProcessMetrics.switchesIn("Name:\tjava\nState:\tR (running)\n")).isZero();
    }

    @Test
    void handing_values_between_two_threads_shows_in_this_jvms_switches() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "context switches are read from /proc (Linux)");
        long before = ProcessMetrics.contextSwitches();

        // Each hand-off through a SynchronousQueue blocks one platform thread until the other arrives.
        SynchronousQueue<Integer> queue = new SynchronousQueue<>();
        Thread taker = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < 200; i++) {
                    queue.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // Bounded: a taker that died would leave a hand-off, and so the test, waiting forever.
        for (int i = 0; i < 200; i++) {
            assertThat(queue.offer(i, 30, TimeUnit.SECONDS)).as("hand-off %d taken", i).isTrue();
        }
        assertThat(taker.join(Duration.ofSeconds(30))).as("the taker ended after 200 hand-offs").isTrue();

        assertThat(ProcessMetrics.contextSwitches()).isGreaterThan(before);
    }
}
