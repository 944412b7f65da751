package statelab.lab;

import statelab.session.LocalLoginThrottle;
import statelab.session.LoginThrottle;
import statelab.session.redis.RedisLoginThrottle;
import statelab.session.RevocationList;
import statelab.session.SessionPolicy;
import statelab.session.SessionStrategy;
import statelab.session.jwt.JwtKeys;
import statelab.session.jwt.PublicKeySource;
import statelab.session.jwt.TokenIssuer;
import statelab.session.jwt.TokenVerifier;
import statelab.session.redis.RedisAccess;
import statelab.session.redis.RedisLink;
import statelab.session.redis.RedisRevocationList;

/**
 * Makes the session strategy for a fresh node of a cluster. What is shared between nodes is shared
 * here (Redis, the token keys); what belongs to one node (its memory, its Redis connection) is new
 * for every node, so a killed node's memory really is gone. Every Redis link comes from one
 * {@link RedisAccess}: the lab's, or in a node process one of its own, closed with this.
 */
final class SessionStrategies implements NodeContext, AutoCloseable {
    private final SessionPolicy policy;
    private final int replicasToWait;
    private final RedisAccess redis;
    /** Whether {@link #redis} is this object's to close (a node process's), not the lab's. */
    private final boolean ownsRedis;
    /** The lab's signing keys; null on a node that only verifies (it holds public keys, {@link #verifyingKeys}). */
    private final JwtKeys keys;
    private final TokenIssuer issuer;
    private final PublicKeySource verifyingKeys;
    private final RedisLink revocationLink;
    private final SwitchableRevocationList revocations;

    private final java.util.concurrent.atomic.AtomicBoolean sharedThrottle;
    private final java.nio.file.Path disks;

    /** @param disks the directory under which each node makes its own (deleted with the lab) */
    SessionStrategies(SessionPolicy policy, RedisControl redis, RedisAccess access, boolean jwtRevocation,
                      boolean sharedThrottle, java.nio.file.Path disks) {
        // A retired key verifies for as long as the longest token it signed can live.
        this(policy, access, false, redis.replicated() ? 1 : 0, JwtKeys.generate(policy.idle(), policy.clock()),
                jwtRevocation, sharedThrottle, disks);
    }

    /**
     * The parts a node in a process of its own shares with the lab: Redis by URL, the token keys
     * read from the lab's key file.
     *
     * @param replicasToWait replicas a sign-in waits for (1 behind Sentinel, else 0)
     */
    SessionStrategies(SessionPolicy policy, String redisUrl, int replicasToWait, JwtKeys keys,
                      boolean jwtRevocation, boolean sharedThrottle, java.nio.file.Path disks) {
        this(policy, RedisAccess.withOwnResources(redisUrl), true, replicasToWait, keys, jwtRevocation, sharedThrottle, disks);
    }

    private SessionStrategies(SessionPolicy policy, RedisAccess redis, boolean ownsRedis, int replicasToWait, JwtKeys keys,
                              boolean jwtRevocation, boolean sharedThrottle, java.nio.file.Path disks) {
        this(policy, redis, ownsRedis, replicasToWait, keys, TokenIssuer.signingWith(keys, policy), keys::publicKeys,
                jwtRevocation, sharedThrottle, disks);
    }

    /**
     * For a jwt node that only verifies tokens another node signed ({@code statelab node --jwks URL}): it
     * checks signatures with {@code publicKeys} and answers sign-in and settings changes with
     * {@link statelab.session.CannotIssueException}.
     */
    static SessionStrategies verifyingOnly(SessionPolicy policy, String redisUrl, int replicasToWait, PublicKeySource publicKeys,
                                           String issuerHint, boolean jwtRevocation, boolean sharedThrottle,
                                           java.nio.file.Path disks) {
        return new SessionStrategies(policy, RedisAccess.withOwnResources(redisUrl), true, replicasToWait, null, TokenIssuer.none("this node verifies tokens only "
                + "(its keys come from " + issuerHint + "); sign in on a node that holds the signing key"), publicKeys,
                jwtRevocation, sharedThrottle, disks);
    }

    private SessionStrategies(SessionPolicy policy, RedisAccess redis, boolean ownsRedis, int replicasToWait, JwtKeys keys,
                              TokenIssuer issuer,
                              PublicKeySource verifyingKeys, boolean jwtRevocation, boolean sharedThrottle,
                              java.nio.file.Path disks) {
        this.policy = policy;
        this.sharedThrottle = new java.util.concurrent.atomic.AtomicBoolean(sharedThrottle);
        this.disks = disks;
        this.redis = redis;
        this.ownsRedis = ownsRedis;
        this.replicasToWait = replicasToWait;
        this.keys = keys;
        this.issuer = issuer;
        this.verifyingKeys = verifyingKeys;
        this.revocationLink = redis.newLink();
        this.revocations = new SwitchableRevocationList(new RedisRevocationList(revocationLink), jwtRevocation);
    }

    SessionStrategy forNode(ClusterKind kind) {
        return kind.sessions().forNode(this);
    }

    @Override
    public SessionPolicy policy() {
        return policy;
    }

    @Override
    public RedisLink newRedisLink() {
        return redis.newLink();
    }

    @Override
    public int redisReplicasToWait() {
        return replicasToWait;
    }

    @Override
    public TokenIssuer tokenIssuer() {
        return issuer;
    }

    @Override
    public TokenVerifier tokenVerifier() {
        return TokenVerifier.builder(verifyingKeys).clock(policy.clock()).build();
    }

    @Override
    public RevocationList revocations() {
        return revocations;
    }

    /**
     * The login throttle for a fresh node: counting in Redis (shared by the node's cluster and every
     * other), or in the node's own memory. The Redis one shares the revocation list's connection.
     */
    LoginThrottle throttleForNode() {
        LocalLoginThrottle local = new LocalLoginThrottle(policy);
        return new SwitchableLoginThrottle(local, new RedisLoginThrottle(revocationLink, local), sharedThrottle::get);
    }

    /** Where failed sign-ins are counted from now on, on every node: Redis (true) or each node's memory. */
    void setSharedThrottle(boolean shared) {
        sharedThrottle.set(shared);
    }

    boolean sharedThrottle() {
        return sharedThrottle.get();
    }

    /** A fresh node's own directory and its own connection to the shared store (the state labs). */
    statelab.node.NodeStores storesForNode(String nodeId) {
        return new statelab.node.NodeStores(nodeId, redis.newLink(), disks);
    }

    void setJwtRevocation(boolean on) {
        revocations.set(on);
    }

    boolean jwtRevocation() {
        return revocations.on();
    }

    /** The lab's signing keys; IllegalStateException on a node that only verifies. */
    JwtKeys keys() {
        if (keys == null) {
            throw new IllegalStateException("a node that only verifies tokens holds no signing keys");
        }
        return keys;
    }

    @Override
    public void close() {
        revocationLink.close();
        if (ownsRedis) {
            redis.close();
        }
    }
}
