package statelab.cli;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code statelab} subcommand as a real operating-system process: the JDK running this test,
 * the shaded jar the build made ({@code target/statelab.jar}), the given arguments. Its output lines
 * are kept (the first 200) so a test can wait for the line that says where it listens.
 */
final class StatelabProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target", "statelab.jar");
    private static final int LINES_KEPT = 200;
    private static final Pattern LISTENING = Pattern.compile("^balancer\\s+(http://\\S+)");

    private final Process process;
    private final List<String> lines = new ArrayList<>();

    private StatelabProcess(Process process) {
        this.process = process;
        Thread.ofVirtual().start(this::collect);
    }

    static StatelabProcess start(String... args) throws IOException {
        return start(List.of(), args);
    }

    /** The same with more JVM options, such as a system property. */
    static StatelabProcess start(List<String> jvmOptions, String... args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the integration tests run after the package phase");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", JAR.toString(), "statelab.cli.StateLabCommand"));
        command.addAll(List.of(args));
        return new StatelabProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** A {@code statelab lb} process with this policy in front of these backend URLs; see {@link #awaitListening}. */
    static StatelabProcess balancer(String policy, List<String> backends) throws IOException {
        List<String> args = new ArrayList<>(List.of("lb", "--port", "0", "--policy", policy));
        backends.forEach(backend -> args.addAll(List.of("--backend", backend)));
        return start(args.toArray(String[]::new));
    }

    /** Waits for a balancer process's line that says where it listens and answers that URL. */
    String awaitListening(Duration within) {
        return awaitLine(LISTENING, within);
    }

    /** Waits for an output line matching the pattern and answers its first group. */
    String awaitLine(Pattern pattern, Duration within) {
        String[] found = new String[1];
        await().atMost(within).pollInterval(Duration.ofMillis(50)).failFast("the process ended: " + output(),
                () -> !process.isAlive() && firstMatch(pattern).isEmpty()).until(() -> {
            firstMatch(pattern).ifPresent(g -> found[0] = g);
            return found[0] != null;
        });
        return found[0];
    }

    /** Waits for the process to end and answers its exit code. */
    int exitCode(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the process did not end within " + within + ": " + output());
        }
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    synchronized String output() {
        return String.join("\n", lines);
    }

    private synchronized Optional<String> firstMatch(Pattern pattern) {
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private void collect() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (this) {
                    if (lines.size() < LINES_KEPT) {
                        lines.add(line);
                    }
                }
            }
        } catch (IOException e) {
            // The process ended; what it said so far is kept.
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)
                && !process.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            // Not even SIGKILL ended it (a process stuck in the kernel): say so rather than hold the build.
            throw new IllegalStateException("pid " + process.pid() + " outlived SIGKILL by 30 s: " + output());
        }
    }
}
