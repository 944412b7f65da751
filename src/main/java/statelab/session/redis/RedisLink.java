package statelab.session.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.function.Function;
import statelab.session.SessionStoreUnavailableException;
import statelab.session.RequestTrace;

/**
 * One node's connection to Redis: made on first use, remade by Lettuce after a drop, and while it
 * is down every command fails at once ({@code REJECT_COMMANDS}) instead of queueing, so a node can
 * answer {@code store-down} quickly rather than hang. Commands time out after {@link #TIMEOUT}.
 * In the lab every link shares one Lettuce client and its resources ({@link RedisAccess#newLink()}),
 * but each has connections of its own, so a killed node's connections go with it.
 */
public final class RedisLink implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofMillis(500);
    /** How long a write that must reach a replica waits for one ({@code WAIT}) before it counts as not safe. */
    public static final Duration REPLICA_WAIT = Duration.ofMillis(250);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final RedisClient client;
    /** Whether this link made its client (and so shuts it down), or shares the lab's ({@link RedisAccess}). */
    private final boolean ownsClient;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisConnection<String, String> replicatedWrites;
    /** The per-request read path where the URL allows it; null when reads go through Lettuce. */
    private final PipelinedRedisReads reads;
    private final java.util.concurrent.locks.ReentrantLock connecting = new java.util.concurrent.locks.ReentrantLock();
    private volatile boolean closed;

    /** A link with a client of its own on the given resources (a benchmark's, a test's); closing it shuts that client down. */
    public RedisLink(ClientResources resources, String redisUrl) {
        this(newClient(resources, redisUrl), redisUrl, true);
    }

    /** A link with connections of its own on a shared client; closing it closes only those connections. */
    RedisLink(RedisClient client, String redisUrl, boolean ownsClient) {
        this.reads = Boolean.getBoolean("statelab.redis.lettuceReads") ? null
                : PipelinedRedisReads.forUrl(redisUrl, TIMEOUT).orElse(null);
        this.client = client;
        this.ownsClient = ownsClient;
    }

    /**
     * A Lettuce client as every link wants it: fail at once while disconnected, time out after
     * {@link #TIMEOUT}, every command recorded in the request's trace.
     */
    static RedisClient newClient(ClientResources resources, String redisUrl) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(TIMEOUT);
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .build());
        // Sync commands are dispatched on the caller's thread, so the trace lands on the request that caused it.
        client.addListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                RequestTrace.recordCommand(event.getCommand().getType().toString());
            }
        });
        return client;
    }

    /** Runs commands on the connection; any Redis failure becomes {@link SessionStoreUnavailableException}. */
    public <T> T call(Function<RedisCommands<String, String>, T> commands) {
        return call(this::connection, commands);
    }

    /**
     * Like {@link #call}, but a connection that is down right now is replaced by a fresh one first,
     * instead of failing until Lettuce's reconnect catches up: the lab's admin asks right after a Redis
     * restart or a failover (a reset, the page's count), when a new connection is what it wants.
     */
    <T> T callOnFreshConnection(Function<RedisCommands<String, String>, T> commands) {
        return call(this::openConnection, commands);
    }

    /**
     * Runs a write, then {@code WAIT replicas} on the same connection (WAIT counts that connection's
     * writes), and answers only once that many replicas have the write. A write no replica confirmed
     * within {@link #REPLICA_WAIT} is {@link SessionStoreUnavailableException}: it would not survive a
     * failover. These writes have a connection of their own, because a WAIT holds up every command
     * queued behind it on its connection and reads must not wait for a replica.
     */
    public <T> T callReplicated(Function<RedisCommands<String, String>, T> write, int replicas) {
        return call(this::replicatedConnection, c -> {
            T answer = write.apply(c);
            long confirmed = c.waitForReplication(replicas, REPLICA_WAIT.toMillis());
            if (confirmed < replicas) {
                throw new SessionStoreUnavailableException("only " + confirmed + " of " + replicas
                        + " Redis replicas confirmed the write within " + REPLICA_WAIT.toMillis() + " ms", null);
            }
            return answer;
        });
    }

    /** Connects inside the try: a Redis that cannot be reached at all is a store failure too. */
    private <T> T call(java.util.function.Supplier<StatefulRedisConnection<String, String>> on,
                       Function<RedisCommands<String, String>, T> commands) {
        try {
            return commands.apply(on.get().sync());
        } catch (RedisException e) {
            throw new SessionStoreUnavailableException("Redis did not answer: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            // Lettuce's answer to a command on a client that is shutting down (a node being killed).
            throw new SessionStoreUnavailableException("the Redis client is closing: " + e.getMessage(), e);
        }
    }

    /**
     * {@code GETEX key EX seconds}: the value, or null when the key is absent. Sent on the calling
     * thread, batched with the reads of concurrent requests, when the URL allows it (see
     * {@link PipelinedRedisReads}); otherwise through Lettuce.
     */
    public String getex(String key, Duration expiry) {
        if (reads != null) {
            return reads.getex(key, expiry.toSeconds());
        }
        return call(c -> c.getex(key, io.lettuce.core.GetExArgs.Builder.ex(expiry)));
    }

    private StatefulRedisConnection<String, String> connection() {
        return held(false, false);
    }

    private StatefulRedisConnection<String, String> openConnection() {
        return held(false, true);
    }

    private StatefulRedisConnection<String, String> replicatedConnection() {
        return held(true, false);
    }

    /**
     * The command connection or the replicated-writes one, made on first use. With {@code mustBeOpen} a
     * connection that is down is closed and replaced instead of handed out to fail until Lettuce reconnects.
     * A lock, not a monitor: connecting waits on the network and must not pin a virtual thread.
     */
    private StatefulRedisConnection<String, String> held(boolean replicated, boolean mustBeOpen) {
        StatefulRedisConnection<String, String> current = replicated ? replicatedWrites : connection;
        if (current != null && (!mustBeOpen || current.isOpen())) {
            return current;
        }
        connecting.lock();
        try {
            requireOpen();
            current = replicated ? replicatedWrites : connection;
            if (current != null && mustBeOpen && !current.isOpen()) {
                current.closeAsync();
                current = null;
            }
            if (current == null) {
                current = client.connect();
                if (replicated) {
                    replicatedWrites = current;
                } else {
                    connection = current;
                }
            }
            return current;
        } finally {
            connecting.unlock();
        }
    }

    /** A closed link never connects again (a killed node's request still in flight fails as store-down). */
    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this Redis link is closed");
        }
    }

    /**
     * Closes this link's connections and waits (at most {@link #CLOSE_WAIT}) until they are closed, and
     * its client when it owns one. Not closing in the background: the event loops are shared and stop
     * right after the lab closes its links, and a close still in flight then would fail loudly on a
     * stopped loop.
     */
    @Override
    public void close() {
        closed = true;
        try {
            if (ownsClient) {
                client.shutdown(Duration.ZERO, CLOSE_WAIT);
            } else {
                closeConnections();
            }
        } finally {
            if (reads != null) {
                reads.close();
            }
        }
    }

    private void closeConnections() {
        connecting.lock();
        try {
            for (StatefulRedisConnection<String, String> open : java.util.Arrays.asList(connection, replicatedWrites)) {
                if (open != null) {
                    try {
                        open.closeAsync().get(CLOSE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        // A connection that would not close cleanly is gone either way once the client stops.
                    }
                }
            }
            connection = null;
            replicatedWrites = null;
        } finally {
            connecting.unlock();
        }
    }
}
