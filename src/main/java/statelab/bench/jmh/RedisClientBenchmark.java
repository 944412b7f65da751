package statelab.bench.jmh;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import statelab.lab.EmbeddedRedis;
import statelab.session.redis.RedisKeys;

/**
 * One {@code GET} of a 200-byte value through each Redis client the node could use, side by side on
 * one Redis: Lettuce's synchronous API (the command goes through Netty's event loop, NIO or native
 * epoll as the JVM found it), and Jedis, which writes and reads the socket on the calling thread
 * (one connection borrowed from a pool per call, as a node would, and one connection held: the
 * floor, what {@code redis-cli --latency} measures). Run it from virtual threads too
 * ({@code -jvmArgsAppend -Djmh.executor=VIRTUAL}), as a node's requests are.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class RedisClientBenchmark {
    private static final String KEY = RedisKeys.bench("client");

    private EmbeddedRedis redis;
    private ClientResources resources;
    private RedisClient lettuceClient;
    private StatefulRedisConnection<String, String> lettuce;
    private JedisPool pool;
    private Jedis held;

    @Setup(Level.Trial)
    public void start() throws Exception {
        redis = EmbeddedRedis.start(false);
        resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        lettuceClient = RedisClient.create(resources, redis.url());
        lettuce = lettuceClient.connect();
        lettuce.sync().set(KEY, "x".repeat(200));
        java.net.URI uri = java.net.URI.create(redis.url());
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(8);
        config.setJmxEnabled(false);
        pool = new JedisPool(config, uri.getHost(), uri.getPort());
        held = new Jedis(uri.getHost(), uri.getPort());
    }

    @Benchmark
    public String lettuce_sync_get() {
        return lettuce.sync().get(KEY);
    }

    @Benchmark
    public String jedis_pooled_get() {
        try (Jedis jedis = pool.getResource()) {
            return jedis.get(KEY);
        }
    }

    @Benchmark
    public String jedis_held_get() {
        return held.get(KEY);
    }

    @TearDown(Level.Trial)
    public void close() {
        held.close();
        pool.close();
        lettuce.close();
        lettuceClient.shutdown();
        resources.shutdown();
        redis.close();
    }
}
