package statelab.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Runs each node as a JVM of its own ({@link NodeProcessMain}, the lab's lean form of {@code statelab
 * node}), on the JDK that runs the lab, with a small heap and the nodes' class cache
 * ({@link NodeClassCache}, made by the first lab that needs it). A kill is
 * SIGKILL. The node learns of key rotations and the deny-list switch over its standard input and
 * reports its session count on its standard output ({@link StandaloneNode}); when the lab goes away
 * its end of the pipe closes and the node exits, and a shutdown hook kills whatever is left.
 */
final class OsProcessNodeLauncher implements NodeLauncher {
    /** The node's own entry point, not the whole command line's (see {@link NodeProcessMain}). */
    static final String MAIN_CLASS = NodeProcessMain.class.getName();
    /** The JDK running the lab runs its nodes. */
    private static final String JAVA = ProcessHandle.current().info().command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    private static final String CLASS_PATH = System.getProperty("java.class.path");
    /**
     * A small heap and the client compiler only: a node's live data is a few hundred kilobytes, and
     * the optimising compiler's threads and code cache would cost each of twelve processes more memory
     * and start-up time than they earn. One Netty arena each, for the same reason.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xmx48m", "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1",
            "-XX:ReservedCodeCacheSize=24m", "-Dio.netty.allocator.numDirectArenas=1", "-Dio.netty.allocator.numHeapArenas=1",
            "--enable-native-access=ALL-UNNAMED", "-Xlog:cds*=off", "-Xlog:aot*=off");
    /** Generous: on a busy two-core machine a dozen JVMs starting at once each get little of a core. */
    private static final long READY_SECONDS = 120;
    private static final long ACK_SECONDS = 5;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "node-reaper"));
    }

    private final LabConfig config;
    private final String redisUrl;
    private final int redisReplicasToWait;
    private final Path keyFile;
    private final BooleanSupplier jwtRevocation;
    private final InternalUser internalUser;
    private final Set<ProcessNode> running = ConcurrentHashMap.newKeySet();
    private final NodeClassCache classCache = NodeClassCache.forClassPath(CLASS_PATH);

    OsProcessNodeLauncher(LabConfig config, String redisUrl, int redisReplicasToWait, Path keyFile, BooleanSupplier jwtRevocation,
                          InternalUser internalUser) {
        this.config = config;
        this.internalUser = internalUser;
        this.redisUrl = redisUrl;
        this.redisReplicasToWait = redisReplicasToWait;
        this.keyFile = keyFile;
        this.jwtRevocation = jwtRevocation;
    }

    @Override
    public RunningNode launch(String id, ClusterKind kind, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command(id, kind, port)).redirectErrorStream(true);
        // The page's own runs sign in as the lab's internal user on every node, in-process or not.
        builder.environment().put(InternalUser.ENVIRONMENT, internalUser.environmentValue());
        Process process = builder.start();
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
        ProcessNode node = new ProcessNode(process);
        try {
            int listening = node.ready.get(READY_SECONDS, TimeUnit.SECONDS);
            node.uri = URI.create("http://127.0.0.1:" + listening);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly();
            throw new IOException("node " + id + " (" + kind.key() + ") did not start as a process: " + node.output(), e);
        }
        running.add(node);
        process.onExit().thenRun(() -> running.remove(node));
        return node;
    }

    private List<String> command(String id, ClusterKind kind, int port) {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(JVM_OPTIONS);
        command.addAll(classCache.options(this::trainingCommand));
        command.addAll(nodeArguments(id, kind, port));
        return command;
    }

    /** A node of the jwt kind (which loads the most: token signing and Redis) that writes the class cache as it exits. */
    private List<String> trainingCommand(String writeCacheOption) {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(JVM_OPTIONS);
        command.add(writeCacheOption);
        command.addAll(nodeArguments("training", ClusterKinds.JWT, 0));
        return command;
    }

    private List<String> nodeArguments(String id, ClusterKind kind, int port) {
        List<String> arguments = new ArrayList<>(List.of("-cp", CLASS_PATH, MAIN_CLASS, "--id", id, "--strategy", kind.key(),
                "--port", Integer.toString(port), "--redis", redisUrl, "--redis-wait", Integer.toString(redisReplicasToWait),
                "--jwks", keyFile.toString(), "--login-throttle", config.sharedThrottle() ? "redis" : "node",
                "--threads", config.nodeThreads().key()));
        if (jwtRevocation.getAsBoolean()) {
            arguments.add("--jwt-revocation");
        }
        if (config.https()) {
            arguments.add("--https");
        }
        return arguments;
    }

    @Override
    public void jwtKeysChanged() {
        tellAll("jwt-keys");
    }

    @Override
    public void jwtRevocationSwitched(boolean on) {
        tellAll("jwt-revocation " + (on ? "on" : "off"));
    }

    private void tellAll(String command) {
        List<String> failed = new ArrayList<>();
        for (ProcessNode node : running) {
            if (!node.tell(command)) {
                failed.add(node.uri.toString());
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("nodes at " + failed + " did not confirm '" + command + "'");
        }
    }

    @Override
    public void close() {
        running.forEach(ProcessNode::kill);
    }

    /** A node process: its uri once ready, its last reported session count, its command pipe. */
    private static final class ProcessNode implements RunningNode {
        private final Process process;
        private final CompletableFuture<Integer> ready = new CompletableFuture<>();
        private final BlockingQueue<String> answers = new ArrayBlockingQueue<>(16);
        private final java.util.concurrent.locks.ReentrantLock telling = new java.util.concurrent.locks.ReentrantLock();
        private volatile URI uri;
        private volatile int sessions;
        /** The last lines the process printed (a few, cut short), to explain a start that failed. */
        private final java.util.Deque<String> lastLines = new java.util.ArrayDeque<>();

        ProcessNode(Process process) {
            this.process = process;
            // A platform thread: a read from a pipe would pin a virtual thread's carrier for the node's whole life.
            Thread.ofPlatform().daemon().name("node-output").stackSize(256 * 1024).start(this::readOutput);
        }

        private void readOutput() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lastLines) {
                        if (lastLines.size() == 8) {
                            lastLines.removeFirst();
                        }
                        lastLines.addLast(line.length() > 200 ? line.substring(0, 200) : line);
                    }
                    if (line.startsWith("ready ")) {
                        ready.complete(Integer.parseInt(line.substring(6).strip()));
                    } else if (line.startsWith("sessions ")) {
                        sessions = Integer.parseInt(line.substring(9).strip());
                    } else if (line.startsWith("ok ") || line.startsWith("error ")) {
                        answers.offer(line);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // The process died or printed something else; its exit says the rest.
            }
            ready.completeExceptionally(new IOException("the node process ended"));
        }

        String output() {
            synchronized (lastLines) {
                return lastLines.isEmpty() ? "(no output)" : String.join(" | ", lastLines);
            }
        }

        /** Sends a command and waits for the node to confirm it; false when it did not. */
        boolean tell(String command) {
            // A lock that does not pin a virtual thread while it waits for the node's answer.
            telling.lock();
            answers.clear();
            try {
                OutputStream in = process.getOutputStream();
                in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
                in.flush();
                String answer = answers.poll(ACK_SECONDS, TimeUnit.SECONDS);
                return ("ok " + command).equals(answer);
            } catch (IOException e) {
                return !process.isAlive();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                telling.unlock();
            }
        }

        @Override
        public URI uri() {
            return uri;
        }

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public boolean running() {
            return process.isAlive();
        }

        @Override
        public int sessionsHeld() {
            return process.isAlive() ? sessions : 0;
        }

        /** SIGKILL, then waits until the process is gone so its port is free for a restart. */
        @Override
        public void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
