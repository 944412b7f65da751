package statelab.session.redis;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisException;
import statelab.session.RequestTrace;
import statelab.session.SessionStoreUnavailableException;

/**
 * The per-request read path to Redis: a small pool of blocking connections, each command written
 * and its answer read on the calling thread. A Lettuce command instead goes through Netty's event
 * loop and back, two thread wake-ups per round trip, which on a small machine cost more than the
 * round trip itself (see docs/BENCHMARKS.md, {@code RedisClientBenchmark}).
 *
 * <p>Contract: at most {@link #MAX_CONNECTIONS} connections; a caller waits at most the timeout
 * for one, to connect, and for an answer; every failure (refused, timed out, broken) becomes
 * {@link SessionStoreUnavailableException}, and a broken connection is dropped from the pool, so
 * the next call connects afresh (after a Redis restart, for instance). Only plain {@code redis://}
 * URLs without credentials are served here ({@link #forUrl} is empty for any other).
 */
final class BlockingRedisReads implements AutoCloseable {
    static final int MAX_CONNECTIONS = 32;

    private final ConnectionPool<Jedis> pool;
    private final Duration timeout;

    private BlockingRedisReads(HostAndPort address, Duration timeout) {
        int millis = (int) timeout.toMillis();
        JedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis).socketTimeoutMillis(millis)
                // No CLIENT SETINFO on connect: a read stays exactly one command, as the bench counts them.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED).build();
        this.pool = new ConnectionPool<>(MAX_CONNECTIONS, () -> new Jedis(address, config));
        this.timeout = timeout;
    }

    /** A pool for {@code redisUrl}, or empty when the URL is not a plain {@code redis://host:port} one. */
    static Optional<BlockingRedisReads> forUrl(String redisUrl, Duration timeout) {
        URI uri = URI.create(redisUrl);
        boolean plain = "redis".equals(uri.getScheme()) && uri.getUserInfo() == null && uri.getHost() != null
                && uri.getPort() > 0 && (uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath()));
        return plain ? Optional.of(new BlockingRedisReads(new HostAndPort(uri.getHost(), uri.getPort()), timeout))
                : Optional.empty();
    }

    /** Runs one command, recorded in the request's trace under {@code commandName}. */
    <T> T call(String commandName, Function<Jedis, T> command) {
        RequestTrace.recordCommand(commandName);
        Jedis jedis;
        try {
            jedis = pool.borrow(timeout);
        } catch (ConnectionPool.Exhausted | ConnectionPool.Closed e) {
            throw new SessionStoreUnavailableException("no Redis connection: " + e.getMessage(), e);
        } catch (JedisException e) {
            // A new connection is made on the spot, so a Redis that is down shows here.
            throw new SessionStoreUnavailableException("Redis did not answer: " + e.getMessage(), e);
        }
        boolean broken = true;
        try {
            T answer = command.apply(jedis);
            broken = jedis.isBroken();
            return answer;
        } catch (JedisException e) {
            broken = jedis.isBroken();
            throw new SessionStoreUnavailableException("Redis did not answer: " + e.getMessage(), e);
        } finally {
            pool.giveBack(jedis, broken);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
