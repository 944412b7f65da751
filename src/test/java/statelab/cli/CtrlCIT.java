package statelab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.Waits;

/**
 * The packaged command as a user's terminal runs it: a process group of its own, and Ctrl-C as the
 * terminal sends it, SIGINT to the whole group. The lab must stop in order and say so in one line,
 * with no stack trace, and its Redis (kept out of the group) must be gone afterwards.
 */
class CtrlCIT {
    private static final Path JAR = Path.of("target", "statelab.jar");
    private static final Pattern REDIS_LINE = Pattern.compile("(?m)^redis +redis://127\\.0\\.0\\.1:(\\d+)");

    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    /** The jar in a new session (so a new process group whose id is its pid), as a shell's foreground job. */
    private Process launch(String... args) throws IOException {
        assumeThat(System.getProperty("os.name")).as("process groups and setsid are POSIX").isEqualTo("Linux");
        assertThat(JAR).as("the jar, built by the package phase").isRegularFile();
        // A shell starts a background job with SIGINT ignored, and an ignored signal stays ignored
        // through exec: the build that runs this test may be such a job. A terminal's foreground job
        // has SIGINT at its default, so that is restored first (coreutils env).
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", "setsid",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:cds*=off", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        started.add(process);
        return process;
    }

    private String out() throws IOException {
        return Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
    }

    private String err() throws IOException {
        return Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
    }

    /** What the terminal does on Ctrl-C: SIGINT to every process of the foreground group. */
    private static void ctrlC(Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).inheritIO().start();
        assertThat(Waits.exitCode(kill, Duration.ofSeconds(30), "kill -INT")).isZero();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void ctrl_c_on_a_serving_lab_prints_one_line_and_stops_its_redis() throws Exception {
        Process lab = launch("--port", "0");
        await().atMost(Duration.ofSeconds(90)).until(() -> out().contains("The second request is meant to fail"));
        Matcher redis = REDIS_LINE.matcher(out());
        assertThat(redis.find()).as(out()).isTrue();
        int redisPort = Integer.parseInt(redis.group(1));

        ctrlC(lab);

        assertThat(lab.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(lab.exitValue()).isEqualTo(130);
        assertThat(err().lines().toList()).containsExactly("statelab: stopping (Ctrl-C): clients and servers first, then Redis");
        assertThat(listening(redisPort)).as("the lab's Redis is stopped").isFalse();
    }

    @Test
    void ctrl_c_during_a_run_prints_one_line_and_no_stack_trace() throws Exception {
        Path slow = dir.resolve("slow.scenario");
        Files.writeString(slow, "as alice wonderland\nlogin\nwait 60s\nsend next\n");
        Process run = launch("run", slow.toString());
        await().atMost(Duration.ofSeconds(90)).until(() -> out().contains("POST /login"));

        ctrlC(run);

        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isEqualTo(130);
        assertThat(err().lines().toList()).containsExactly("statelab: stopping (Ctrl-C): clients and servers first, then Redis");
    }

    @Test
    void a_run_that_ends_by_itself_writes_nothing_to_stderr() throws Exception {
        Process run = launch("run", "seed");

        assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(err()).isZero();
        assertThat(out()).contains("verdicts");
        assertThat(err()).isEmpty();
    }
}
