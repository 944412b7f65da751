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
 */
public final class RedisLink implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofMillis(500);
    /** How long a write that must reach a replica waits for one ({@code WAIT}) before it counts as not safe. */
    public static final Duration REPLICA_WAIT = Duration.ofMillis(250);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisConnection<String, String> replicatedWrites;
    /** The blocking read path: none, or one pool where the URL allows it. */
    private final java.util.List<BlockingRedisReads> reads;

    public RedisLink(ClientResources resources, String redisUrl) {
        this.reads = Boolean.getBoolean("statelab.redis.lettuceReads") ? java.util.List.of()
                : BlockingRedisReads.forUrl(redisUrl, TIMEOUT).stream().toList();
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(TIMEOUT);
        this.client = RedisClient.create(resources, uri);
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
    }

    /** Runs commands on the connection; any Redis failure becomes {@link SessionStoreUnavailableException}. */
    public <T> T call(Function<RedisCommands<String, String>, T> commands) {
        return call(this::connection, commands);
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
     * {@code GETEX key EX seconds}: the value, or null when the key is absent. Sent over a blocking
     * connection on the calling thread when the URL allows it (see {@link BlockingRedisReads}),
     * otherwise through Lettuce.
     */
    public String getex(String key, Duration expiry) {
        if (!reads.isEmpty()) {
            long seconds = expiry.toSeconds();
            return reads.get(0).call("GETEX", j -> j.getEx(key, redis.clients.jedis.params.GetExParams.getExParams().ex(seconds)));
        }
        return call(c -> c.getex(key, io.lettuce.core.GetExArgs.Builder.ex(expiry)));
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (connection == null) {
                connection = client.connect();
            }
            return connection;
        }
    }

    private StatefulRedisConnection<String, String> replicatedConnection() {
        StatefulRedisConnection<String, String> current = replicatedWrites;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (replicatedWrites == null) {
                replicatedWrites = client.connect();
            }
            return replicatedWrites;
        }
    }

    /**
     * Closes the connections and waits (at most {@link #CLOSE_WAIT}) until they are closed. Not closing
     * in the background: the event loops are shared and stop right after the lab closes its links, and
     * a close still in flight then would fail loudly on a stopped loop.
     */
    @Override
    public void close() {
        client.shutdown(Duration.ZERO, CLOSE_WAIT);
        reads.forEach(BlockingRedisReads::close);
    }
}
