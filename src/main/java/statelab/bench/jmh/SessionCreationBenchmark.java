package statelab.bench.jmh;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.lettuce.core.SetArgs;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import statelab.session.SessionIds;
import statelab.session.redis.RedisKeys;

/**
 * What a login costs each strategy once the password is checked (the password hash itself, about
 * 0.1 s of PBKDF2 by design, is left out): a new id in memory, a new key in Redis, a signed token;
 * with their floors: a bare random id, a bare {@code SET}, a bare ES256 signature.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SessionCreationBenchmark {

    /** A signer and a claims set of the same shape as the issuer's, for the bare signature. */
    @State(Scope.Benchmark)
    public static class Signing {
        public ECDSASigner signer;
        public JWSHeader header;
        public JWTClaimsSet claims;

        @Setup(Level.Trial)
        public void start() throws JOSEException {
            signer = new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate());
            header = new JWSHeader(com.nimbusds.jose.JWSAlgorithm.ES256);
            claims = new JWTClaimsSet.Builder().subject("alice").issuer("statelab").audience("statelab-lab")
                    .jwtID(SessionIds.next()).build();
        }
    }

    @Benchmark
    public String floor_randomId() {
        return SessionIds.next();
    }

    /** Creates and removes again in the same call, so the map does not grow through the run (removal is ~0.05 us). */
    @Benchmark
    public String inMemory_create(SessionFixture f) {
        String id = f.inMemory.create("alice");
        f.inMemory.revoke(id);
        return id;
    }

    @Benchmark
    public String redis_floor_bareSet(SessionFixture f) {
        return f.bareRedis.sync().set(RedisKeys.bench(SessionIds.next()), "x", SetArgs.Builder.ex(60));
    }

    @Benchmark
    public String redis_create(SessionFixture f) {
        return f.redis.create("alice");
    }

    @Benchmark
    public String jwt_floor_bareSign(Signing s) throws JOSEException {
        SignedJWT jwt = new SignedJWT(s.header, s.claims);
        jwt.sign(s.signer);
        return jwt.serialize();
    }

    /** The lab's token signing: claims, header and an ES256 signature ({@code TokenIssuer.issue}). */
    @Benchmark
    public String jwt_create(SessionFixture f) {
        return f.jwt.create("alice");
    }
}
