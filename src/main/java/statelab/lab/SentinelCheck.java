package statelab.lab;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * Asks the Sentinels of a {@code redis-sentinel://} URL for their primary before anything relies on
 * them, so a wrong host, a Sentinel that is down or a master name it does not know is one clear error
 * at start rather than every sign-in failing later.
 */
public final class SentinelCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private SentinelCheck() {
    }

    /** Whether the URL names Sentinels rather than one Redis server. */
    public static boolean isSentinelUrl(String url) {
        return url.startsWith("redis-sentinel://") || url.startsWith("rediss-sentinel://");
    }

    /**
     * Answers the primary's address, such as {@code /10.0.0.5:6379}; throws IllegalStateException with
     * a one-line reason when no Sentinel answers or none names a primary for the URL's master name.
     */
    public static String requirePrimary(String sentinelUrl) {
        ClientResources resources = statelab.session.redis.RedisAccess.newResources();
        try {
            return requirePrimary(sentinelUrl, resources);
        } finally {
            resources.shutdown();
        }
    }

    /** The same on the caller's client resources (the lab's), which stay running. */
    public static String requirePrimary(String sentinelUrl, ClientResources resources) {
        RedisURI uri;
        try {
            uri = RedisURI.create(sentinelUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("not a Sentinel URL: " + sentinelUrl + " (" + e.getMessage() + ")");
        }
        String master = uri.getSentinelMasterId();
        if (master == null || master.isBlank()) {
            throw new IllegalStateException("the Sentinel URL " + sentinelUrl + " names no master: end it with #NAME, such as #statelab");
        }
        RedisClient client = RedisClient.create(resources);
        try {
            for (RedisURI sentinel : uri.getSentinels()) {
                sentinel.setTimeout(TIMEOUT);
                try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel(sentinel)) {
                    SocketAddress primary = connection.sync().getMasterAddrByName(master);
                    if (primary != null) {
                        return primary.toString();
                    }
                } catch (RedisException e) {
                    // Try the next Sentinel: one that is down is what Sentinel's redundancy is for.
                }
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
        throw new IllegalStateException("no Sentinel at " + sentinelUrl + " names a primary for '" + master
                + "': check the Sentinels run, the host:port list and the master name after #");
    }
}
