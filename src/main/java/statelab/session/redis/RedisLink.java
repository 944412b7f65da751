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

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    public RedisLink(ClientResources resources, String redisUrl) {
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
        try {
            return commands.apply(connection().sync());
        } catch (RedisException e) {
            throw new SessionStoreUnavailableException("Redis did not answer: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            // Lettuce's answer to a command on a client that is shutting down (a node being killed).
            throw new SessionStoreUnavailableException("the Redis client is closing: " + e.getMessage(), e);
        }
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

    @Override
    public void close() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.closeAsync();
        }
        client.shutdownAsync(0, 0, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
}
