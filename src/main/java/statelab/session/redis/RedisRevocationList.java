package statelab.session.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import java.time.Instant;
import java.util.List;
import statelab.session.RevocationList;

/**
 * Revoked tokens in Redis: one key per revoked token id, and one per user who logged out everywhere
 * (holding the cut-off time), each expiring when the tokens it covers would have expired anyway, so
 * the list never outgrows the tokens still alive. A check is one {@code MGET} of both keys.
 */
public final class RedisRevocationList implements RevocationList {
    private final RedisLink redis;

    public RedisRevocationList(RedisLink redis) {
        this.redis = redis;
    }

    @Override
    public boolean isRevoked(String tokenId, String user, Instant issuedAt) {
        List<KeyValue<String, String>> values = redis.call(c -> c.mget(RedisKeys.revokedToken(tokenId), RedisKeys.revokedBefore(user)));
        if (values.get(0).hasValue()) {
            return true;
        }
        if (values.get(1).hasValue()) {
            long cutoffMillis = Long.parseLong(values.get(1).getValue());
            return issuedAt.toEpochMilli() <= cutoffMillis;
        }
        return false;
    }

    @Override
    public boolean revoke(String tokenId, Instant expiresAt) {
        redis.call(c -> c.set(RedisKeys.revokedToken(tokenId), "1", SetArgs.Builder.exAt(expiresAt.plusSeconds(1))));
        return true;
    }

    @Override
    public boolean revokeUserBefore(String user, Instant cutoff, Instant until) {
        redis.call(c -> c.set(RedisKeys.revokedBefore(user), Long.toString(cutoff.toEpochMilli()), SetArgs.Builder.exAt(until.plusSeconds(1))));
        return true;
    }
}
