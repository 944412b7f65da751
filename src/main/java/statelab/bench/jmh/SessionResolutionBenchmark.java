package statelab.bench.jmh;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import statelab.session.RequestTrace;
import statelab.session.Resolution;
import statelab.session.Session;

/**
 * What a node pays per request to find out who is calling, for each strategy, next to the floor
 * it is built on. Each {@code resolve} starts a fresh {@link RequestTrace} as a node does for every
 * request. Average time per call, one thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SessionResolutionBenchmark {

    @Benchmark
    public Session inMemory_floor_mapGet(SessionFixture f) {
        return f.floorMap.get(f.inMemoryCredential);
    }

    @Benchmark
    public Resolution inMemory_resolve(SessionFixture f) {
        RequestTrace.begin();
        return f.inMemory.resolve(f.inMemoryCredential);
    }

    @Benchmark
    public String redis_floor_bareGet(SessionFixture f) {
        return f.bareRedis.sync().get(f.redisKey);
    }

    @Benchmark
    public Resolution redis_resolve(SessionFixture f) {
        RequestTrace.begin();
        return f.redis.resolve(f.redisCredential);
    }

    @Benchmark
    public boolean jwt_floor_bareVerify(SessionFixture f) throws JOSEException {
        return f.parsedToken.verify(f.bareVerifier);
    }

    @Benchmark
    public boolean jwt_floor_parseAndVerify(SessionFixture f) throws JOSEException, ParseException {
        return SignedJWT.parse(f.token).verify(f.bareVerifier);
    }

    @Benchmark
    public Resolution jwt_resolve_uncached(SessionFixture f) {
        RequestTrace.begin();
        return f.jwtUncached.resolve(f.token);
    }

    /**
     * The lab's jwt strategy: a token seen before skips the signature check. A node reads a new
     * String from every request's cookie, whose hash is not yet computed, so a fresh copy is made
     * for each call too (about 0.1 us of the result).
     */
    @Benchmark
    public Resolution jwt_resolve(SessionFixture f) {
        RequestTrace.begin();
        return f.jwt.resolve(String.valueOf(f.token.toCharArray()));
    }

    /** As {@link #jwt_resolve}, plus the Redis deny-list lookup ({@code EXISTS}) that revocation costs. */
    @Benchmark
    public Resolution jwt_resolve_withDenyList(SessionFixture f) {
        RequestTrace.begin();
        return f.jwtWithDenyList.resolve(String.valueOf(f.token.toCharArray()));
    }
}
