package statelab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.TestLab;
import statelab.Waits;
import statelab.lab.LabConfig;
import statelab.lab.NodeView;
import statelab.lab.Strategy;
import statelab.web.WebServer;

/**
 * {@code statelab haproxy-config}: the configuration it prints is one the system's HAProxy accepts
 * ({@code haproxy -c}), and HAProxy run on it in front of the lab's nodes serves
 * every request of the seed on the redis cluster, through a kill of S1.
 */
class HaproxyConfigCommandIT {
    private final CliRun command = new CliRun();

    @Test
    void the_printed_config_for_two_app_hosts_passes_haproxy_s_own_check(@TempDir Path dir) throws Exception {
        TestLab.requireHaproxy();
        int exit = command.run("haproxy-config", "--policy", "sticky", "--port", "8080", "--error-pages", dir.resolve("errors").toString(),
                "--backend", "http://10.0.0.2:8081", "--backend", "http://10.0.0.3:8081");

        assertThat(exit).as(command.err()).isZero();
        assertThat(command.out()).contains("bind 0.0.0.0:8080").contains("cookie lb insert indirect nocache")
                .contains("server node-10-0-0-2-8081 10.0.0.2:8081").contains("server node-10-0-0-3-8081 10.0.0.3:8081")
                .contains("option httpchk GET /health").contains("retry-on conn-failure");
        Path config = Files.writeString(dir.resolve("haproxy.cfg"), command.out());
        // Its output goes to a file, not a pipe read to its end, which would wait as long as the check does.
        Path log = dir.resolve("haproxy-check.log");
        Process check = new ProcessBuilder("haproxy", "-c", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        int checked = Waits.exitCode(check, Duration.ofSeconds(30), "haproxy -c");
        assertThat(checked).as(new String(Files.readAllBytes(log))).isZero();
    }

    @Test
    void haproxy_on_the_printed_config_in_front_of_the_lab_s_nodes_serves_every_request_of_the_seed_through_the_kill(@TempDir Path dir) throws Exception {
        TestLab.requireHaproxy();
        try (TestLab lab = TestLab.start(LabConfig.standard().withStrategies(List.of(Strategy.REDIS)))) {
            WebServer page = lab.own(WebServer.start(lab.lab(), 0));
            int port = freePort();
            List<String> args = new ArrayList<>(List.of("haproxy-config", "--host", "127.0.0.1", "--port", Integer.toString(port)));
            for (NodeView node : lab.lab().cluster(Strategy.REDIS).nodes()) {
                args.addAll(List.of("--backend", node.url().toString()));
            }
            assertThat(command.run(args.toArray(String[]::new))).as(command.err()).isZero();
            Path config = Files.writeString(dir.resolve("haproxy.cfg"), command.out());
            Process haproxy = new ProcessBuilder("haproxy", "-db", "-f", config.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("haproxy.log").toFile()).start();
            lab.own(() -> {
                haproxy.destroy();
                if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
                    haproxy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            });
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    return true;
                }
            });
            command.clearOut();

            int exit = command.run("run", "seed", "--json", "--target", "redis=http://127.0.0.1:" + port,
                    "--on-kill", "S1=curl -fsS -o /dev/null -X POST " + page.uri().resolve("/api/lab/nodes/S1/kill"));

            assertThat(exit).as(command.err()).isZero();
            List<String> row = new ArrayList<>();
            for (JsonNode step : command.json().get("steps")) {
                if (step.has("results")) {
                    JsonNode r = step.get("results").get("redis");
                    row.add(r.get("node").asText() + " " + r.get("outcome").asText());
                }
            }
            // HAProxy's weighted round-robin over a static server list need not visit them in the listed order
            // (the lab adds its servers at run time instead): every request succeeds, each node takes one of
            // the first three, and after the kill S1 serves no more.
            assertThat(row).allMatch(cell -> cell.endsWith(" success")).hasSize(8);
            assertThat(row.subList(0, 3)).containsExactlyInAnyOrder("S1 success", "S2 success", "S3 success");
            assertThat(row.subList(4, 8)).doesNotContain("S1 success");
        }
    }

    @Test
    void a_backend_given_twice_or_without_a_scheme_is_a_usage_error() {
        assertThat(command.run("haproxy-config", "--backend", "http://10.0.0.2:8081", "--backend", "http://10.0.0.2:8081")).isEqualTo(2);
        assertThat(command.err()).contains("given twice");
        assertThat(command.run("haproxy-config", "--backend", "10.0.0.2:8081")).isEqualTo(2);
        assertThat(command.err()).contains("--backend takes a URL such as http://").doesNotContain("\tat ");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
