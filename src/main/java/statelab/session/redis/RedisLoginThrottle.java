package statelab.session.redis;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.Optional;
import statelab.session.LocalLoginThrottle;
import statelab.session.LoginThrottle;
import statelab.session.SessionStoreUnavailableException;

/**
 * Attempt counters in Redis, shared by every node, so the limit holds however many nodes an attacker
 * spreads attempts over. One key per user name with the window as its TTL. Reserving is one Lua
 * script (read, compare, count, set the TTL), so Redis runs it whole: twenty guesses at the same
 * moment reserve at most {@link #LIMIT} attempts between them. When Redis cannot be reached, this node
 * falls back to counting in its own memory rather than refusing every sign-in (or letting every guess
 * through). A Redis that is reachable but slow to answer (a command timeout) is not down: the script
 * may even have counted the attempt, and falling back then would hand every node a limit of its own
 * whenever an attacker can make Redis slow; that attempt is refused with a short wait instead.
 */
public final class RedisLoginThrottle implements LoginThrottle {
    /** Answers 0 when the attempt is counted, else the milliseconds until the user name may try again. */
    private static final String RESERVE_SCRIPT = """
            local n = tonumber(redis.call('GET', KEYS[1]) or '0')
            if n >= tonumber(ARGV[2]) then
              local left = redis.call('PTTL', KEYS[1])
              if left < 0 then
                redis.call('PEXPIRE', KEYS[1], ARGV[1])
                left = tonumber(ARGV[1])
              end
              return math.max(left, 1)
            end
            if redis.call('INCR', KEYS[1]) == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return 0
            """;
    /** Gives one attempt back; never creates the key, never goes below zero. */
    private static final String RELEASE_SCRIPT = """
            local n = tonumber(redis.call('GET', KEYS[1]) or '0')
            if n <= 1 then redis.call('DEL', KEYS[1]) else redis.call('DECR', KEYS[1]) end
            return n
            """;
    /** The wait a refused attempt is told when Redis was too slow to count it. */
    static final Duration SLOW_STORE_WAIT = Duration.ofSeconds(1);
    private static final String RESERVE_SHA = Scripts.sha1(RESERVE_SCRIPT);
    private static final String RELEASE_SHA = Scripts.sha1(RELEASE_SCRIPT);

    private final RedisLink redis;
    private final LocalLoginThrottle fallback;

    public RedisLoginThrottle(RedisLink redis, LocalLoginThrottle fallback) {
        this.redis = redis;
        this.fallback = fallback;
    }

    @Override
    public Optional<Duration> reserve(String user) {
        try {
            long waitMillis = run(RESERVE_SCRIPT, RESERVE_SHA, user, Long.toString(WINDOW.toMillis()), Integer.toString(LIMIT));
            return waitMillis == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(waitMillis, 1000)));
        } catch (SessionStoreUnavailableException e) {
            return timedOut(e) ? Optional.of(SLOW_STORE_WAIT) : fallback.reserve(user);
        }
    }

    private static boolean timedOut(SessionStoreUnavailableException e) {
        return e.getCause() instanceof RedisCommandTimeoutException;
    }

    @Override
    public void release(String user) {
        try {
            run(RELEASE_SCRIPT, RELEASE_SHA, user);
        } catch (SessionStoreUnavailableException e) {
            fallback.release(user);
        }
    }

    @Override
    public String scope() {
        return "redis";
    }

    private long run(String script, String sha, String user, String... args) {
        String[] keys = {RedisKeys.loginFailures(user)};
        Long answer = redis.call(c -> {
            try {
                return c.<Long>evalsha(sha, ScriptOutputType.INTEGER, keys, args);
            } catch (RedisNoScriptException e) {
                return c.<Long>eval(script, ScriptOutputType.INTEGER, keys, args);
            }
        });
        return answer == null ? 0 : answer;
    }
}
