package statelab.bench.jmh;

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
import statelab.lab.ReplicatedRedis;
import statelab.session.SessionPolicy;
import statelab.session.redis.RedisLink;
import statelab.session.redis.RedisSessionStrategy;

/**
 * What waiting for the replica ({@code WAIT 1}) costs the redis strategy's sign-in, on the lab's
 * replicated Redis (primary, replica, three Sentinels, reached through Sentinel): the same session
 * creation with and without the wait. The password hash is left out, as in {@link SessionCreationBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReplicatedSignInBenchmark {

    @State(Scope.Benchmark)
    public static class Replicated {
        private ReplicatedRedis redis;
        private ClientResources resources;
        public RedisSessionStrategy noWait;
        public RedisSessionStrategy waitForOne;

        @Setup(Level.Trial)
        public void start() {
            resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
            redis = ReplicatedRedis.launch(resources);
            SessionPolicy policy = SessionPolicy.standard();
            noWait = new RedisSessionStrategy(new RedisLink(resources, redis.url()), policy, 0);
            waitForOne = new RedisSessionStrategy(new RedisLink(resources, redis.url()), policy, 1);
        }

        @TearDown(Level.Trial)
        public void stop() {
            noWait.close();
            waitForOne.close();
            redis.close();
            resources.shutdown();
        }
    }

    @Benchmark
    public String redisHa_create_noWait(Replicated r) {
        return r.noWait.create("alice");
    }

    @Benchmark
    public String redisHa_create_wait1(Replicated r) {
        return r.waitForOne.create("alice");
    }
}
