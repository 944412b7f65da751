package statelab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The virtual users of one phase in a JVM of their own ({@code statelab bench-load}, see
 * {@link LoadProcessMain}), so the bench's JVM holds only the lab and its balancers: with 2,000 users
 * in one 192 MB heap beside the lab the bench ran out of memory. The process gets a heap of its own,
 * {@link #BASE_HEAP_MB} MB plus {@link #HEAP_KB_PER_USER} KB per user, and its CPU in the measured
 * window is counted with the bench's. It ends when this side closes its standard input; a process
 * that outlives the phase is killed.
 */
final class LoadProcess implements Load {
    /** The command line's entry point: the bench names it rather than depend on the CLI's package. */
    static final String MAIN_CLASS = "statelab.cli.StateLabCommand";
    static final int BASE_HEAP_MB = 64;
    static final int HEAP_KB_PER_USER = 64;
    private static final int STDERR_TAIL = 4_096;

    private final Process process;
    private final OutputStream commands;
    private final BufferedReader answers;
    private final StringBuilder stderrTail = new StringBuilder();
    private final Thread killAtExit;
    private long origin;
    private long durationNanos;

    LoadProcess(URI target, String credentialCookie, int users, int rate) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-XX:+UseSerialGC", "-Xss512k", "-Xmx" + (BASE_HEAP_MB + users * HEAP_KB_PER_USER / 1024) + "m",
                "-Xlog:cds*=off", "-Xlog:aot*=off", "-cp", System.getProperty("java.class.path"), MAIN_CLASS, "bench-load",
                "--url", target.toString(), "--cookie", credentialCookie, "--users", Integer.toString(users),
                "--rate", Integer.toString(rate)));
        process = new ProcessBuilder(command).start();
        ProcessHandle handle = process.toHandle();
        killAtExit = new Thread(handle::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(killAtExit);
        commands = process.getOutputStream();
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        // A platform thread: a virtual thread blocked on a pipe holds a carrier the lab's requests need.
        Thread.ofPlatform().daemon().name("load-process-stderr").stackSize(256 * 1024).start(() -> keepTail(process.getErrorStream()));
    }

    /** Keeps the last few KB of what the process writes to its standard error, for the message when it fails. */
    private void keepTail(InputStream err) {
        byte[] buffer = new byte[1024];
        try (err) {
            for (int n = err.read(buffer); n >= 0; n = err.read(buffer)) {
                synchronized (stderrTail) {
                    stderrTail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (stderrTail.length() > STDERR_TAIL) {
                        stderrTail.delete(0, stderrTail.length() - STDERR_TAIL);
                    }
                }
            }
        } catch (IOException e) {
            // The process ended; what it wrote so far is kept.
        }
    }

    @Override
    public int signIn() throws IOException {
        String line = answer();
        if (!line.startsWith(LoadProcessMain.SIGNED_IN)) {
            throw failed("answered '" + line + "' instead of its sign-ins");
        }
        return Integer.parseInt(line.substring(LoadProcessMain.SIGNED_IN.length()).trim());
    }

    @Override
    public void start(long origin, long durationNanos) throws IOException {
        this.origin = origin;
        this.durationNanos = durationNanos;
        // The process's clock is its own: it is told how far away the origin is, which a pipe carries in microseconds.
        send(LoadProcessMain.GO + " " + Math.max(0, origin - System.nanoTime()) + " " + durationNanos);
    }

    @Override
    public void mark(long nanos) {
        try {
            send(LoadProcessMain.MARK + " " + (nanos - origin));
        } catch (IOException e) {
            // The process is gone; finish() says so.
        }
    }

    @Override
    public Optional<Recorder> live() {
        return Optional.empty();
    }

    @Override
    public Outcome finish() throws IOException {
        send(LoadProcessMain.RESULTS);
        String line = answer();
        LoadProcessMain.Results results;
        try {
            results = statelab.json.Json.reader().forType(LoadProcessMain.Results.class).readValue(line);
        } catch (IOException e) {
            throw failed("answered figures that could not be read (" + e.getMessage() + ")");
        }
        Recorder recorder = Recorder.restore(results.recorder(), origin, durationNanos);
        return new Outcome(results.signedIn(), recorder, results.withCredential(), results.lostSessions(), results.cpuNanos());
    }

    @Override
    public String where() {
        return "own-process";
    }

    private void send(String line) throws IOException {
        commands.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        commands.flush();
    }

    private String answer() throws IOException {
        String line = answers.readLine();
        if (line == null) {
            throw failed("ended");
        }
        return line;
    }

    private IllegalStateException failed(String what) {
        String tail;
        synchronized (stderrTail) {
            tail = stderrTail.toString().strip();
        }
        return new IllegalStateException("the load generator process " + what + (tail.isEmpty() ? "" : ": " + tail));
    }

    @Override
    public void close() {
        try {
            commands.close();
        } catch (IOException e) {
            // Already closed: the process is ending anyway.
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killAtExit);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs anyway.
        }
    }
}
