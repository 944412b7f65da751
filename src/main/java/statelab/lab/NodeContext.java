package statelab.lab;

import statelab.session.RevocationList;
import statelab.session.SessionPolicy;
import statelab.session.jwt.TokenIssuer;
import statelab.session.jwt.TokenVerifier;
import statelab.session.redis.RedisLink;

/**
 * What a node's session strategy may use beyond its own memory: the timeouts, Redis, the token keys
 * and the deny-list. In the lab's own JVM these are shared objects; in a node process they are made
 * from its command line (a Redis URL, a key file). A strategy asks only for what it needs.
 */
public interface NodeContext {

    SessionPolicy policy();

    /** A fresh connection to the lab's Redis, owned by the strategy that asked for it. */
    RedisLink newRedisLink();

    /**
     * How many replicas a new session must reach before a sign-in answers ({@code WAIT}): 1 when the
     * Redis is a primary with a replica behind Sentinel, else 0 (no replica to wait for).
     */
    default int redisReplicasToWait() {
        return 0;
    }

    /** Signs tokens with the lab's current key. */
    TokenIssuer tokenIssuer();

    /** Verifies tokens against the lab's public keys, including rotated ones still in use. */
    TokenVerifier tokenVerifier();

    /** The jwt deny-list with its on/off switch. */
    RevocationList revocations();
}
