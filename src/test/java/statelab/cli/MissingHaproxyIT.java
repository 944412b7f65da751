package statelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code statelab serve --balancer haproxy} on a machine without HAProxy: one line that names the
 * Debian package, exit code 1, nothing left running. The missing binary is simulated by naming one
 * that does not exist ({@code -Dstatelab.haproxy}), since this machine has HAProxy in /usr/sbin.
 */
class MissingHaproxyIT {

    @Test
    void serve_with_haproxy_missing_names_the_package_and_exits_1() throws Exception {
        try (StatelabProcess serve = StatelabProcess.start(List.of("-Dstatelab.haproxy=/nonexistent/sbin/haproxy"),
                "serve", "--port", "0", "--balancer", "haproxy")) {

            int exit = serve.exitCode(Duration.ofSeconds(90));

            assertThat(exit).as(serve.output()).isEqualTo(1);
            assertThat(serve.output()).contains("statelab: --balancer haproxy runs the system's HAProxy")
                    .contains("/nonexistent/sbin/haproxy").contains("Debian package 'haproxy'").contains("apt-get install haproxy")
                    .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("StateLab is running");
        }
    }

    @Test
    void run_seed_with_haproxy_missing_says_the_same() throws Exception {
        try (StatelabProcess run = StatelabProcess.start(List.of("-Dstatelab.haproxy=/nonexistent/sbin/haproxy"),
                "run", "seed", "--balancer", "haproxy")) {

            int exit = run.exitCode(Duration.ofSeconds(90));

            assertThat(exit).as(run.output()).isEqualTo(1);
            assertThat(run.output()).contains("Debian package 'haproxy'").doesNotContain("\tat ");
        }
    }
}
