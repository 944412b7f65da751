package statelab.bench.jmh;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import statelab.lab.EmbeddedRedis;
import statelab.session.InMemorySessionStrategy;
import statelab.session.Session;
import statelab.session.Resolution;
import statelab.session.RevocationList;
import statelab.session.SessionPolicy;
import statelab.session.SessionStoreUnavailableException;
import statelab.session.jwt.JwtKeys;
import statelab.session.jwt.JwtSessionStrategy;
import statelab.session.jwt.TokenIssuer;
import statelab.session.jwt.TokenVerifier;
import statelab.session.redis.RedisLink;
import statelab.session.redis.RedisRevocationList;
import statelab.session.redis.RedisSessionStrategy;
import statelab.session.redis.RedisKeys;

/**
 * Each strategy as a node holds it, one signed-in session each, and next to it the floor it cannot
 * beat: the map lookup, a bare Lettuce GET of the very key the strategy reads (same Redis, same
 * client resources), and a bare Nimbus verify of the very token with the very key. JMH starts a
 * redis-server of its own per fork; a test may {@link #open(String)} on a Redis it already has.
 */
@State(Scope.Benchmark)
public class SessionFixture {
    private final SessionPolicy policy = SessionPolicy.standard();
    private EmbeddedRedis ownRedis;
    private ClientResources resources;
    private RedisClient bareClient;
    private RedisLink denyListLink;

    public InMemorySessionStrategy inMemory;
    public String inMemoryCredential;
    public Map<String, Session> floorMap;

    public RedisSessionStrategy redis;
    public String redisCredential;
    public StatefulRedisConnection<String, String> bareRedis;
    public String redisKey;

    public TokenIssuer issuer;
    public JwtSessionStrategy jwt;
    public JwtSessionStrategy jwtUncached;
    public JwtSessionStrategy jwtWithDenyList;
    public String token;
    public SignedJWT parsedToken;
    public ECDSAVerifier bareVerifier;
    public Session session;

    @Setup(Level.Trial)
    public void start() throws Exception {
        ownRedis = EmbeddedRedis.start(false);
        open(ownRedis.url());
    }

    /** Builds every strategy and floor against the Redis at {@code redisUrl}, one session each. */
    public void open(String redisUrl) throws ParseException, JOSEException {
        resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        inMemory = new InMemorySessionStrategy(policy);
        inMemoryCredential = inMemory.create("alice");
        session = new Session("alice", policy.now(), Map.of());
        floorMap = new ConcurrentHashMap<>(Map.of(inMemoryCredential, session));

        // The bare client connects first, with Lettuce's patient default timeout: a cold JVM on a busy
        // machine can take longer than the strategy's 500 ms to make its first connection.
        bareClient = RedisClient.create(resources, redisUrl);
        bareRedis = bareClient.connect();
        bareRedis.sync().ping();
        redis = new RedisSessionStrategy(new RedisLink(resources, redisUrl), policy);
        redisCredential = patiently(() -> redis.create("alice"));
        redisKey = RedisKeys.session(redisCredential);
        if (bareRedis.sync().get(redisKey) == null) {
            throw new IllegalStateException("the bare GET does not read the key the strategy wrote: " + redisKey);
        }

        JwtKeys keys = JwtKeys.generate();
        issuer = TokenIssuer.signingWith(keys, policy);
        jwt = new JwtSessionStrategy(issuer, TokenVerifier.builder(keys::publicKeys).build(), policy, RevocationList.none());
        jwtUncached = new JwtSessionStrategy(issuer, TokenVerifier.builder(keys::publicKeys).cacheEntries(0).build(), policy,
                RevocationList.none());
        denyListLink = new RedisLink(resources, redisUrl);
        jwtWithDenyList = new JwtSessionStrategy(issuer, TokenVerifier.builder(keys::publicKeys).build(), policy,
                new RedisRevocationList(denyListLink));
        token = jwt.create("alice");
        if (!(patiently(() -> jwtWithDenyList.resolve(token)) instanceof Resolution.Found)) {
            throw new IllegalStateException("the deny-list strategy does not recognise its own token");
        }
        parsedToken = SignedJWT.parse(token);
        bareVerifier = new ECDSAVerifier((ECKey) keys.publicKeys().getKeys().get(0));
    }

    /** A first call over a fresh Redis link, tried a few times: its first connection may time out while the JVM is cold. */
    private static <T> T patiently(java.util.function.Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (SessionStoreUnavailableException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        inMemory.close();
        redis.close();
        bareRedis.close();
        denyListLink.close();
        bareClient.shutdown();
        resources.shutdown();
        if (ownRedis != null) {
            ownRedis.close();
        }
    }
}
