package statelab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One redis-server process of a replicated set-up (a data node or a Sentinel), started from the
 * embedded-redis artifact's binary with a config file of its own, because Sentinel rewrites its
 * config as it learns the topology. {@link #kill()} is SIGKILL: no goodbye to replicas or Sentinels.
 * Output goes nowhere, so nothing an outsider triggers can grow a log.
 */
final class RedisProcess {
    private final Path binary;
    private final Path config;
    private final int port;
    private final boolean sentinel;
    /** A lock, not the monitor: {@link #kill()} waits for the process to end and must not pin a virtual thread. */
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private Process process;

    RedisProcess(Path binary, Path dir, String name, int port, boolean sentinel) {
        this.binary = binary;
        this.config = dir.resolve(name + ".conf");
        this.port = port;
        this.sentinel = sentinel;
    }

    int port() {
        return port;
    }

    /** Writes the config (replacing what Sentinel rewrote) and starts the process; does not wait for it to listen. */
    void start(List<String> configLines) {
        lock.lock();
        try {
            if (alive()) {
                return;
            }
            try {
                Files.write(config, configLines);
                List<String> command = sentinel
                        ? List.of(binary.toString(), config.toString(), "--sentinel")
                        : List.of(binary.toString(), config.toString());
                process = new ProcessBuilder(command)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("redis-server did not start on port " + port, e);
            }
        } finally {
            lock.unlock();
        }
    }

    boolean alive() {
        lock.lock();
        try {
            return process != null && process.isAlive();
        } finally {
            lock.unlock();
        }
    }

    /** SIGKILL, then waits until the process is gone, so its port refuses connections when this returns. */
    void kill() {
        lock.lock();
        try {
            if (process == null) {
                return;
            }
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        } finally {
            lock.unlock();
        }
    }

    /** The process id, or -1 when not running. */
    long pid() {
        lock.lock();
        try {
            return alive() ? process.pid() : -1;
        } finally {
            lock.unlock();
        }
    }
}
