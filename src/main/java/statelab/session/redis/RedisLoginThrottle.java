package statelab.session.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.Optional;
import statelab.session.LocalLoginThrottle;
import statelab.session.LoginThrottle;
import statelab.session.SessionStoreUnavailableException;

/**
 * Failure counters in Redis, shared by every node, so the limit holds however many nodes an attacker
 * spreads attempts over. One key per user name with the window as its TTL. When Redis cannot be
 * reached, this node falls back to counting in its own memory rather than refusing every sign-in
 * (or letting every guess through).
 */
public final class RedisLoginThrottle implements LoginThrottle {
    static final String KEY_PREFIX = "statelab:login-failures:";
    private static final String COUNT_SCRIPT = """
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n
            """;
    private static final String COUNT_SHA = Scripts.sha1(COUNT_SCRIPT);

    private final RedisLink redis;
    private final LocalLoginThrottle fallback;

    public RedisLoginThrottle(RedisLink redis, LocalLoginThrottle fallback) {
        this.redis = redis;
        this.fallback = fallback;
    }

    @Override
    public Optional<Duration> blocked(String user) {
        try {
            String count = redis.call(c -> c.get(KEY_PREFIX + user));
            if (count == null || Long.parseLong(count) < LIMIT) {
                return Optional.empty();
            }
            long millis = redis.call(c -> c.pttl(KEY_PREFIX + user));
            return Optional.of(Duration.ofMillis(Math.max(millis, 1000)));
        } catch (SessionStoreUnavailableException e) {
            return fallback.blocked(user);
        }
    }

    @Override
    public void failed(String user) {
        String[] keys = {KEY_PREFIX + user};
        String window = Long.toString(WINDOW.toMillis());
        try {
            redis.call(c -> {
                try {
                    return c.<Long>evalsha(COUNT_SHA, ScriptOutputType.INTEGER, keys, window);
                } catch (RedisNoScriptException e) {
                    return c.<Long>eval(COUNT_SCRIPT, ScriptOutputType.INTEGER, keys, window);
                }
            });
        } catch (SessionStoreUnavailableException e) {
            fallback.failed(user);
        }
    }

    @Override
    public void succeeded(String user) {
        try {
            redis.call(c -> c.del(KEY_PREFIX + user));
        } catch (SessionStoreUnavailableException e) {
            fallback.succeeded(user);
        }
    }

    @Override
    public String scope() {
        return "redis";
    }
}
