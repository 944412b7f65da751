package statelab.web;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import statelab.lab.RedisControl;
import statelab.session.SessionIds;
import statelab.session.redis.RedisKeys;

/**
 * Counts the session keys ({@code statelab:session:*}, {@link RedisKeys#SESSIONS}) in the lab's Redis with SCAN, which walks the keyspace
 * in small steps instead of blocking Redis as KEYS would. Answers null when Redis is stopped or does
 * not answer within {@link #TIMEOUT}: the page then shows "unknown" rather than a stale number.
 * Logged-out sessions count too while their revoked marker lives.
 */
final class RedisKeyCount implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofMillis(300);

    private final RedisControl redis;
    private final ClientResources resources;
    private final RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    RedisKeyCount(RedisControl redis) {
        this.redis = redis;
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
        RedisURI uri = RedisURI.create(redis.url());
        uri.setTimeout(TIMEOUT);
        this.client = RedisClient.create(resources, uri);
        // A dropped connection fails at once and is remade on the next count, instead of queueing commands.
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(TIMEOUT).build())
                .build());
    }

    /** The number of session keys, or null when Redis cannot be asked right now. */
    synchronized Integer count() {
        if (redis.managed() && !redis.running()) {
            drop();
            return null;
        }
        try {
            if (connection == null || !connection.isOpen()) {
                drop();
                connection = client.connect();
            }
            int keys = 0;
            ScanIterator<String> scan = ScanIterator.scan(connection.sync(), ScanArgs.Builder.matches(RedisKeys.SESSIONS).limit(500));
            while (scan.hasNext()) {
                scan.next();
                keys++;
            }
            return keys;
        } catch (RedisException e) {
            drop();
            return null;
        }
    }

    /**
     * Removes a session the lab made for itself (a measurement's), and its entry in the user's index,
     * so it never shows up in a count the learner sees. Does nothing when Redis cannot be reached.
     */
    synchronized void forget(String sessionId, String user) {
        try {
            if (connection == null || !connection.isOpen()) {
                drop();
                connection = client.connect();
            }
            connection.sync().del(RedisKeys.session(sessionId));
            connection.sync().srem(RedisKeys.userSessions(user), SessionIds.digest(sessionId));
        } catch (RedisException e) {
            drop();
        }
    }

    private void drop() {
        if (connection != null) {
            connection.closeAsync();
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        drop();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        resources.shutdown(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
}
