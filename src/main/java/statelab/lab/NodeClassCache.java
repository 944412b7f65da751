package statelab.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The class cache every node process starts from: on JDK 25 and newer an ahead-of-time cache
 * ({@code -XX:AOTCache}, JEP 483/514: classes loaded and linked in advance), before that a class-data
 * archive ({@code -XX:SharedArchiveFile}). It halves what a node costs to start (docs/BENCHMARKS.md).
 *
 * <p>The cache is made once per jar and JDK, by a training run: one node process started with the
 * option that writes the cache as it exits, stopped as soon as it is ready. It lives beside the jar
 * ({@code target/}), or under the user's cache folder when the jar's folder cannot be written; a
 * cache older than the jar is made again. It is written under a name of its own and moved into place
 * whole, so a node never reads half a cache. Nothing here can fail the lab: when the classes are not
 * in one jar (tests run from {@code target/classes}), or the training run fails, the nodes start
 * without a cache, only slower.
 */
final class NodeClassCache {
    /** A training run is one node start and the writing of the cache: seconds, even on a busy machine. */
    private static final long TRAINING_SECONDS = 90;

    private final Path jar;
    private final Path cache;
    private final boolean aot;
    private final ReentrantLock making = new ReentrantLock();
    private List<String> options;

    private NodeClassCache(Path jar, Path cache, boolean aot) {
        this.jar = jar;
        this.cache = cache;
        this.aot = aot;
    }

    /** The cache for the lab's class path; one that is never used when the classes are not in a single jar. */
    static NodeClassCache forClassPath(String classPath) {
        if (!classPath.endsWith(".jar") || classPath.contains(java.io.File.pathSeparator)) {
            return new NodeClassCache(null, null, false);
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        boolean aot = Runtime.version().feature() >= 25;
        String name = "statelab-node-" + Runtime.version().toString().replaceAll("[^A-Za-z0-9.]", "_") + (aot ? ".aot" : ".jsa");
        Path folder = Files.isWritable(jar.getParent()) ? jar.getParent() : userCacheFolder(jar);
        return new NodeClassCache(jar, folder.resolve(name), aot);
    }

    /** The user's cache folder, one subfolder per jar (its path hashed), for a jar in a folder we may not write. */
    private static Path userCacheFolder(Path jar) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("statelab").resolve(Integer.toHexString(jar.toString().hashCode()));
    }

    /**
     * The JVM options that start a node from the cache, making the cache first when there is none
     * (the first caller runs the training, the others wait for it); no options when there is no cache.
     *
     * @param training the node command (without the java executable's options) for a training run, given
     *                 the option that writes the cache
     */
    List<String> options(Function<String, List<String>> training) {
        if (jar == null) {
            return List.of();
        }
        making.lock();
        try {
            if (options == null) {
                if (!usable()) {
                    train(training);
                }
                options = usable() ? List.of((aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache) : List.of();
            }
            return options;
        } finally {
            making.unlock();
        }
    }

    private boolean usable() {
        try {
            return Files.isRegularFile(cache) && Files.size(cache) > 0
                    && !Files.getLastModifiedTime(cache).toInstant().isBefore(Files.getLastModifiedTime(jar).toInstant());
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs one node with the option that writes the cache, stops it once ready, moves the cache into place. */
    private void train(Function<String, List<String>> training) {
        Path partial = cache.resolveSibling(cache.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        Process process = null;
        try {
            Files.createDirectories(cache.getParent());
            List<String> command = new ArrayList<>(training.apply((aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + partial));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            // A training run that hangs is killed, which ends its output and so the wait for its ready line.
            Process started = process;
            java.util.concurrent.CompletableFuture.delayedExecutor(TRAINING_SECONDS, TimeUnit.SECONDS).execute(() -> {
                started.descendants().forEach(ProcessHandle::destroyForcibly);
                started.destroyForcibly();
            });
            untilReady(process);
            // The end of its input stops the node; the JVM then writes the cache as it exits.
            process.getOutputStream().close();
            if (process.waitFor(TRAINING_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0
                    && Files.isRegularFile(partial) && Files.size(partial) > 0) {
                Files.move(partial, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            // No cache: the nodes start without one.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (process != null && process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // A leftover part file is harmless: no node ever reads it.
            }
        }
    }

    /** Reads the training node's output until it says it is ready (or ends); the rest is drained so it never blocks. */
    private static void untilReady(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("ready ")) {
                Thread.ofPlatform().daemon().name("node-training-output").stackSize(256 * 1024).start(() -> drain(out));
                return;
            }
        }
    }

    private static void drain(BufferedReader out) {
        try (out) {
            while (out.readLine() != null) {
                // Only the end matters.
            }
        } catch (IOException e) {
            // The process ended.
        }
    }
}
