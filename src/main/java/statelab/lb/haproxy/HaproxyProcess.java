package statelab.lb.haproxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The system's {@code haproxy} binary run in the foreground as a child of the lab. Every process
 * started here is destroyed when the lab closes it and, failing that, by a shutdown hook, so an
 * interrupted lab leaves none behind. Its output is kept (the last lines only) to explain a failed start.
 */
final class HaproxyProcess {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final int KEPT_LINES = 40;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "haproxy-reaper"));
    }

    private final Process process;
    private final Deque<String> output = new ArrayDeque<>();

    private HaproxyProcess(Process process) {
        this.process = process;
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
        // A platform thread: a virtual thread blocked reading a pipe holds its carrier, and four of them (one
        // HAProxy per cluster) held both carriers of a two-core machine, so the page's requests, also on virtual
        // threads, were never run (FramingAndHeadersHaproxyIT, once the nodes stopped using virtual threads).
        Thread.ofPlatform().daemon().name("haproxy-output").stackSize(256 * 1024).start(this::keepOutput);
    }

    /**
     * Starts {@code haproxy -db -f config}; with {@code replacing}, the new process takes over from
     * that one (HAProxy's soft reload: the old one stops accepting and finishes what it serves).
     */
    /** Names the haproxy executable to run, for HAProxy installed elsewhere than the PATH or /usr/sbin. */
    static final String EXECUTABLE_PROPERTY = "statelab.haproxy";

    static HaproxyProcess start(Path config, HaproxyProcess replacing) throws IOException {
        List<String> command = new ArrayList<>(List.of(binary().toString(), "-db", "-f", config.toString()));
        if (replacing != null) {
            command.add("-sf");
            command.add(Long.toString(replacing.process.pid()));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new HaproxyProcess(process);
    }

    /**
     * The {@code haproxy} binary on the PATH or in /usr/sbin, or the one the system property
     * {@value #EXECUTABLE_PROPERTY} names (then only that one); a clear error naming the package when there is none.
     */
    static Path binary() {
        String named = System.getProperty(EXECUTABLE_PROPERTY, "");
        if (!named.isBlank()) {
            Path executable = Path.of(named);
            if (!Files.isExecutable(executable)) {
                throw new HaproxyMissingException("at " + executable + " (-D" + EXECUTABLE_PROPERTY + ")");
            }
            return executable;
        }
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "haproxy"));
            }
        }
        candidates.add(Path.of("/usr/sbin/haproxy"));
        candidates.add(Path.of("/usr/local/sbin/haproxy"));
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new HaproxyMissingException());
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The last lines HAProxy printed, for an error message. */
    synchronized String lastOutput() {
        return String.join("\n", output);
    }

    /** Stops it at once and waits (briefly) for it to be gone. */
    void destroy() {
        process.destroyForcibly();
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void keepOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (System.getenv("STATELAB_HAPROXY_DEBUG") != null) {
                    System.err.println("haproxy[" + process.pid() + "] " + line);
                }
                synchronized (this) {
                    if (output.size() == KEPT_LINES) {
                        output.removeFirst();
                    }
                    output.addLast(line.length() > 300 ? line.substring(0, 300) : line);
                }
            }
        } catch (IOException e) {
            // The process ended; what it printed so far is kept.
        }
    }
}
