package statelab.lab;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;

/**
 * A Redis server someone else runs, reached by URL; the lab cannot stop or start it. Made only when
 * a Redis answers there: a lab that said it was running on a Redis that is not there would fail every
 * sign-in of the redis cluster and report nothing.
 */
public final class ExternalRedis implements RedisControl {
    /** How long the check at start waits for a connection and for PONG. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final String url;

    public ExternalRedis(String url) {
        this.url = url;
    }

    private static void ping(String url, ClientResources resources) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(CHECK_TIMEOUT);
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder().autoReconnect(false)
                .socketOptions(SocketOptions.builder().connectTimeout(CHECK_TIMEOUT).build()).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String answer = connection.sync().ping();
            if (!"PONG".equals(answer)) {
                throw new RedisUnreachableException(url, "it answered PING with " + answer);
            }
        } catch (RedisException e) {
            throw new RedisUnreachableException(url, reason(e));
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        // Netty's refusal names the address again ("Connection refused: /127.0.0.1:1"); the URL says it already.
        int colon = message.indexOf(": /");
        return colon > 0 ? message.substring(0, colon) : message;
    }

    /**
     * For a {@code redis-sentinel://} URL, first checks that a Sentinel names a primary ({@link SentinelCheck});
     * for any other, that a Redis there answers PING within {@link #CHECK_TIMEOUT}, else
     * {@link RedisUnreachableException}. The check's short-lived client runs on the lab's resources.
     */
    public static ExternalRedis connect(String url, ClientResources resources) {
        if (SentinelCheck.isSentinelUrl(url)) {
            SentinelCheck.requirePrimary(url, resources);
        } else {
            ping(url, resources);
        }
        return new ExternalRedis(url);
    }

    /** A Redis behind Sentinel has a replica to wait for at sign-in; the lab still cannot kill its primary. */
    @Override
    public boolean replicated() {
        return SentinelCheck.isSentinelUrl(url);
    }

    @Override
    public String killPrimary() {
        throw new UnsupportedOperationException("the lab does not run this Redis (" + url + "), so it cannot kill its primary");
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public boolean managed() {
        return false;
    }

    @Override
    public boolean running() {
        return true;
    }

    @Override
    public void stop() {
        throw new UnsupportedOperationException("the lab does not run this Redis (" + url + "), so it cannot stop it");
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException("the lab does not run this Redis (" + url + "), so it cannot start it");
    }

    @Override
    public void close() {
    }
}
