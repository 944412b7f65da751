package statelab.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.function.Consumer;
import redis.embedded.RedisServer;

/**
 * A real redis-server (the binary shipped in the embedded-redis artifact) on a free loopback port,
 * run as a child process. Persistence is off unless asked for, so a restart loses every session,
 * which is what the lab wants to be able to show. Stopped on {@link #close()}; the CLI also closes
 * it from a shutdown hook so Ctrl-C does not leave it running.
 */
public final class EmbeddedRedis implements RedisControl {
    private final int port;
    private final boolean persistent;
    private RedisServer server;

    private EmbeddedRedis(int port, boolean persistent) {
        this.port = port;
        this.persistent = persistent;
    }

    /** Starts a server on a free port; with {@code persistent}, an append-only file in a temp folder. */
    public static EmbeddedRedis start(boolean persistent) {
        EmbeddedRedis redis = new EmbeddedRedis(freePort(), persistent);
        redis.start();
        return redis;
    }

    @Override
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public boolean managed() {
        return true;
    }

    @Override
    public synchronized boolean running() {
        return server != null && server.isActive();
    }

    @Override
    public synchronized void start() {
        if (running()) {
            return;
        }
        try {
            if (persistent) {
                // redis-server refuses to start when its dir does not exist.
                java.nio.file.Files.createDirectories(java.nio.file.Path.of(dataDir()));
            }
            Consumer<String> quiet = line -> { };
            server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .setting(persistent ? "appendonly yes" : "appendonly no")
                    // The lab stops Redis abruptly; with the default "everysec" the last second of writes
                    // could go with it, so a persistent lab syncs every write before answering.
                    .settingIf(persistent, "appendfsync always")
                    .settingIf(persistent, "dir " + dataDir())
                    .setting("protected-mode yes")
                    .soutListener(quiet)
                    .serrListener(quiet)
                    .onShutdownForceStop(true)
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server did not start on port " + port, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } catch (IOException e) {
                throw new UncheckedIOException("redis-server did not stop", e);
            } finally {
                server = null;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private String dataDir() {
        return System.getProperty("java.io.tmpdir") + "/statelab-redis-" + port;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
