package statelab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The far side of {@link LoadProcess}: runs one phase's virtual users in this JVM, led by lines on
 * standard input, and answers on standard output (logs go to standard error). It answers
 * {@code signed-in N} once the users hold their sessions; then {@code go WARMUP DURATION} (nanoseconds)
 * starts them, {@code mark OFFSET} says a node was killed OFFSET nanoseconds after the origin, and
 * {@code results} is answered with one JSON line, {@link Results}. It stops when its input ends.
 */
public final class LoadProcessMain {
    static final String SIGNED_IN = "signed-in";
    static final String GO = "go";
    static final String MARK = "mark";
    static final String RESULTS = "results";

    private LoadProcessMain() {
    }

    /**
     * What the process measured. {@code cpuNanos}: this JVM's CPU from the origin until its users stopped.
     */
    record Results(int signedIn, long withCredential, int lostSessions, long cpuNanos, Recorder.Snapshot recorder) {
    }

    /**
     * Runs the protocol; answers the exit code: 0 after {@code results} was answered, 1 when the input
     * ended or said something else first. Throws IllegalArgumentException for a target that is not loopback.
     */
    public static int run(URI target, String credentialCookie, int users, int rate, InputStream in, PrintStream out)
            throws Exception {
        if (users < 1 || users > BenchPlan.MAX_USERS) {
            throw new IllegalArgumentException("users must be between 1 and " + BenchPlan.MAX_USERS);
        }
        BufferedReader commands = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        try (LoadGenerator load = new LoadGenerator(target, credentialCookie, users, rate)) {
            out.println(SIGNED_IN + " " + load.signIn());
            out.flush();
            String[] go = words(commands.readLine());
            if (go.length != 3 || !go[0].equals(GO)) {
                return 1;
            }
            long origin = System.nanoTime() + Long.parseLong(go[1]);
            load.start(origin, Long.parseLong(go[2]));
            AtomicLong cpuAtOrigin = new AtomicLong(-1);
            Thread atOrigin = Thread.ofVirtual().start(() -> {
                LockSupport.parkNanos(Math.max(0, origin - System.nanoTime()));
                cpuAtOrigin.set(ProcessMetrics.jvmCpuNanos());
            });
            for (String[] line = words(commands.readLine()); line.length > 0; line = words(commands.readLine())) {
                if (line[0].equals(MARK) && line.length == 2) {
                    load.mark(origin + Long.parseLong(line[1]));
                } else if (line[0].equals(RESULTS)) {
                    Load.Outcome outcome = load.finish();
                    atOrigin.join();
                    long cpu = ProcessMetrics.jvmCpuNanos() - cpuAtOrigin.get();
                    Results results = new Results(outcome.signedIn(), outcome.withCredential(), outcome.lostSessions(), cpu,
                            outcome.recorder().snapshot());
                    out.println(statelab.json.Json.writer().writeValueAsString(results));
                    out.flush();
                    return 0;
                }
            }
            return 1;
        }
    }

    private static String[] words(String line) throws IOException {
        return line == null || line.isBlank() ? new String[0] : line.trim().split(" ");
    }
}
