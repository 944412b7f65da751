package statelab.session.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import statelab.json.Json;
import statelab.session.FailureKind;
import statelab.session.InMemorySessionStrategy;
import statelab.session.Resolution;
import statelab.session.Session;
import statelab.session.SessionIds;
import statelab.session.SessionPolicy;
import statelab.session.SessionStrategy;

/**
 * Sessions in Redis, one key per session, named by the digest of its 256-bit id, with a sliding
 * TTL of the idle timeout. Every node sees every session, so any node can serve any request.
 *
 * <p>Each user has an index of their sessions (a set of digests), so "log out everywhere" can find
 * them all; it is written with the session in the same script at sign-in.
 *
 * <p>Cost per request: a read is exactly one command ({@code GETEX key EX idle}: fetch and slide the
 * expiry together); a settings change, of any number of settings, is one {@code EVALSHA} whose script
 * changes those fields inside Redis, so two nodes changing different settings of one session at once
 * lose neither change.
 * A logout overwrites the session with a revoked marker, so a replayed id is told it was revoked.
 */
public final class RedisSessionStrategy implements SessionStrategy, statelab.session.ReadModifyWrite {
    public static final String ID = "redis";
    private static final String UPDATE_SCRIPT = """
            local v = redis.call('GET', KEYS[1])
            if not v then return false end
            local s = cjson.decode(v)
            if s.r then return v end
            if type(s.s) ~= 'table' or next(s.s) == nil then s.s = {} end
            for i = 2, #ARGV, 2 do s.s[ARGV[i]] = ARGV[i + 1] end
            local out = cjson.encode(s)
            redis.call('SET', KEYS[1], out, 'EX', ARGV[1])
            return out
            """;
    private static final String UPDATE_SHA = Scripts.sha1(UPDATE_SCRIPT);
    /** The session and its entry in the user's index, in one round trip. */
    private static final String CREATE_SCRIPT = """
            redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
            redis.call('SADD', KEYS[2], ARGV[3])
            redis.call('EXPIRE', KEYS[2], ARGV[4])
            return 1
            """;
    private static final String CREATE_SHA = Scripts.sha1(CREATE_SCRIPT);
    /** Every session in the user's index becomes a revoked marker; the index goes. */
    private static final String REVOKE_ALL_SCRIPT = """
            local ids = redis.call('SMEMBERS', KEYS[1])
            for _, digest in ipairs(ids) do
              redis.call('SET', ARGV[1] .. digest, ARGV[2], 'XX', 'EX', ARGV[3])
            end
            redis.call('DEL', KEYS[1])
            return #ids
            """;
    private static final String REVOKE_ALL_SHA = Scripts.sha1(REVOKE_ALL_SCRIPT);

    private final RedisLink redis;
    private final SessionPolicy policy;
    private final int replicasToWait;

    public RedisSessionStrategy(RedisLink redis, SessionPolicy policy) {
        this(redis, policy, 0);
    }

    /**
     * With {@code replicasToWait} above 0, a sign-in answers only once that many replicas hold the new
     * session ({@code WAIT}), so a session the user was given survives a failover; when no replica
     * confirms in time the sign-in fails as store-down rather than hand out a session that could vanish.
     */
    public RedisSessionStrategy(RedisLink redis, SessionPolicy policy, int replicasToWait) {
        this.redis = redis;
        this.policy = policy;
        this.replicasToWait = replicasToWait;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String cookieName() {
        return InMemorySessionStrategy.COOKIE;
    }

    @Override
    public String create(String user) {
        String id = SessionIds.next();
        String value = write(StoredSession.of(new Session(user, policy.now(), java.util.Map.of())));
        String[] keys = {RedisKeys.session(id), RedisKeys.userSessions(user)};
        String[] args = {value, Long.toString(policy.idle().toSeconds()), SessionIds.digest(id), Long.toString(policy.absolute().toSeconds())};
        if (replicasToWait > 0) {
            redis.callReplicated(c -> evalScript(c, CREATE_SHA, CREATE_SCRIPT, ScriptOutputType.INTEGER, keys, args), replicasToWait);
        } else {
            script(CREATE_SHA, CREATE_SCRIPT, ScriptOutputType.INTEGER, keys, args);
        }
        return id;
    }

    @Override
    public Resolution resolve(String credential) {
        if (!SessionIds.wellFormed(credential)) {
            return malformed(credential);
        }
        String value = redis.getex(RedisKeys.session(credential), policy.idle());
        return interpret(credential, value);
    }

    @Override
    public Resolution updateSettings(String credential, java.util.Map<String, String> changes) {
        if (!SessionIds.wellFormed(credential)) {
            return malformed(credential);
        }
        String[] keys = {RedisKeys.session(credential)};
        java.util.List<String> args = new java.util.ArrayList<>(1 + 2 * changes.size());
        args.add(Long.toString(policy.idle().toSeconds()));
        changes.forEach((name, value) -> {
            args.add(name);
            args.add(value);
        });
        String stored = script(UPDATE_SHA, UPDATE_SCRIPT, ScriptOutputType.VALUE, keys, args.toArray(String[]::new));
        return interpret(credential, stored);
    }

    /**
     * The lost-update lab's naive path: {@code GET} the whole session, change one field here, {@code SET}
     * the whole session back. Between the two commands another node may write the same key; its change
     * is then overwritten with the copy read before it. Kept apart from {@link #updateSettings}, which is
     * the one script that does the same inside Redis.
     */
    @Override
    public Resolution updateSettingNaively(String credential, String key, String value) {
        if (!SessionIds.wellFormed(credential)) {
            return malformed(credential);
        }
        String stored = redis.call(c -> c.get(RedisKeys.session(credential)));
        return switch (interpret(credential, stored)) {
            case Resolution.Failed failed -> failed;
            case Resolution.Found found -> {
                Session changed = found.session().with(key, value);
                String written = write(StoredSession.of(changed));
                redis.call(c -> c.set(RedisKeys.session(credential), written, SetArgs.Builder.ex(policy.idle()).xx()));
                yield Resolution.found(changed, credential);
            }
        };
    }

    private Resolution interpret(String credential, String value) {
        if (value == null) {
            return Resolution.failed(FailureKind.NOT_RECOGNISED);
        }
        StoredSession stored = read(value);
        if (stored == null) {
            return Resolution.failed(FailureKind.BAD_CREDENTIAL);
        }
        if (stored.isRevoked()) {
            return Resolution.failed(FailureKind.REVOKED);
        }
        Session session = stored.toSession();
        if (policy.pastAbsolute(session.createdAt())) {
            revoke(credential);
            return Resolution.failed(FailureKind.EXPIRED);
        }
        return Resolution.found(session, credential);
    }

    @Override
    public boolean revoke(String credential) {
        if (!SessionIds.wellFormed(credential)) {
            return false;
        }
        String marker = write(StoredSession.revoked());
        // XX: only a session that exists becomes a marker; the answer is null when there was none.
        return redis.call(c -> c.set(RedisKeys.session(credential), marker, SetArgs.Builder.ex(policy.idle()).xx())) != null;
    }

    @Override
    public boolean revokeAll(String user) {
        String[] keys = {RedisKeys.userSessions(user)};
        script(REVOKE_ALL_SHA, REVOKE_ALL_SCRIPT, ScriptOutputType.INTEGER, keys,
                RedisKeys.SESSION, write(StoredSession.revoked()), Long.toString(policy.idle().toSeconds()));
        return true;
    }

    private <T> T script(String sha, String script, ScriptOutputType type, String[] keys, String... args) {
        return redis.call(c -> evalScript(c, sha, script, type, keys, args));
    }

    private static <T> T evalScript(io.lettuce.core.api.sync.RedisCommands<String, String> c, String sha, String script,
                                    ScriptOutputType type, String[] keys, String... args) {
        try {
            return c.<T>evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            // First use on this Redis (or Redis restarted, or a replica just promoted): EVAL loads the script into its cache.
            return c.<T>eval(script, type, keys, args);
        }
    }

    @Override
    public int sessionsHeldLocally() {
        return 0;
    }

    @Override
    public void close() {
        redis.close();
    }

    /** No credential is "not signed in"; one that is not even shaped like an id is a bad credential. */
    private static Resolution malformed(String credential) {
        return Resolution.failed(credential == null ? FailureKind.NOT_RECOGNISED : FailureKind.BAD_CREDENTIAL);
    }

    private String write(StoredSession stored) {
        try {
            return Json.writer().writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a session could not be written as JSON", e);
        }
    }

    private StoredSession read(String value) {
        return StoredSession.parse(Json.reader().getFactory(), value);
    }
}
