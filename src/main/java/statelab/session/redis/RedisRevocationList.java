package statelab.session.redis;

import io.lettuce.core.SetArgs;
import java.time.Instant;
import statelab.session.RevocationList;

/**
 * Revoked token ids in Redis, one key each, expiring when the token would have expired, so the
 * list never outgrows the tokens still alive. One {@code EXISTS} per check.
 */
public final class RedisRevocationList implements RevocationList {
    static final String KEY_PREFIX = "statelab:revoked:";

    private final RedisLink redis;

    public RedisRevocationList(RedisLink redis) {
        this.redis = redis;
    }

    @Override
    public boolean isRevoked(String tokenId) {
        return redis.call(c -> c.exists(KEY_PREFIX + tokenId)) > 0;
    }

    @Override
    public void revoke(String tokenId, Instant expiresAt) {
        redis.call(c -> c.set(KEY_PREFIX + tokenId, "1", SetArgs.Builder.exAt(expiresAt.plusSeconds(1))));
    }
}
