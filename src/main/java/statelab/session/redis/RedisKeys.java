package statelab.session.redis;

import java.util.List;
import statelab.session.SessionIds;

/**
 * Every key the project writes to Redis, named in one place. All of them lie under {@link #ROOT}, so
 * a lab reset can remove exactly the lab's keys ({@link #ALL}) and leave anyone else's alone.
 *
 * <table>
 *   <caption>The keys</caption>
 *   <tr><td>{@link #session}</td><td>a session, named by the SHA-256 of its id (never the id itself);
 *       its settings live inside the value, so they have no key of their own</td></tr>
 *   <tr><td>{@link #userSessions}</td><td>the set of a user's session digests ("log out everywhere")</td></tr>
 *   <tr><td>{@link #loginFailures}</td><td>failed sign-ins of a user name within the throttle's window</td></tr>
 *   <tr><td>{@link #revokedToken}, {@link #revokedBefore}</td><td>the jwt deny-list: one token, or every
 *       token a user was issued before a time</td></tr>
 *   <tr><td>{@link #PRICE}, {@link #PRICE_CACHE}</td><td>the cache lab's "database" price and its shared cache</td></tr>
 *   <tr><td>{@link #avatar}</td><td>the uploads lab's shared copy of a user's avatar</td></tr>
 *   <tr><td>{@link #bench}</td><td>keys the benchmarks write for themselves</td></tr>
 * </table>
 *
 * <p>Contract: the builders take the part after the prefix as it is (a user name may hold any
 * character, colons included); none accepts null ({@link NullPointerException}).
 */
public final class RedisKeys {
    /** The prefix of every key the project writes. */
    public static final String ROOT = "statelab:";
    /** A SCAN/KEYS pattern for every key the project writes. */
    public static final String ALL = ROOT + "*";
    public static final String SESSION = ROOT + "session:";
    /** A SCAN pattern for the session keys alone (logged-out sessions count while their revoked marker lives). */
    public static final String SESSIONS = SESSION + "*";
    public static final String USER_SESSIONS = ROOT + "user-sessions:";
    public static final String LOGIN_FAILURES = ROOT + "login-failures:";
    public static final String REVOKED_TOKEN = ROOT + "revoked:";
    public static final String REVOKED_BEFORE = ROOT + "revoked-before:";
    /** The state labs' keys (price, cache, avatars). */
    public static final String STATE_LABS = ROOT + "lab:";
    public static final String PRICE = STATE_LABS + "catalog:price";
    public static final String PRICE_CACHE = STATE_LABS + "cache:price";
    public static final String AVATAR = STATE_LABS + "avatar:";
    public static final String BENCH = ROOT + "bench:";

    private RedisKeys() {
    }

    /** The key of the session with this id: the id's digest, so whoever reads Redis gets nothing to replay. */
    public static String session(String id) {
        return sessionByDigest(SessionIds.digest(id));
    }

    /** The key of a session whose digest ({@link SessionIds#digest}) is known, as a user's index holds them. */
    public static String sessionByDigest(String digest) {
        return SESSION + requireNonNull(digest);
    }

    public static String userSessions(String user) {
        return USER_SESSIONS + requireNonNull(user);
    }

    public static String loginFailures(String user) {
        return LOGIN_FAILURES + requireNonNull(user);
    }

    public static String revokedToken(String tokenId) {
        return REVOKED_TOKEN + requireNonNull(tokenId);
    }

    public static String revokedBefore(String user) {
        return REVOKED_BEFORE + requireNonNull(user);
    }

    public static String avatar(String user) {
        return AVATAR + requireNonNull(user);
    }

    public static String bench(String name) {
        return BENCH + requireNonNull(name);
    }

    /** Every prefix and fixed key above, for checks that they stay apart and under {@link #ROOT}. */
    static List<String> namespaces() {
        return List.of(SESSION, USER_SESSIONS, LOGIN_FAILURES, REVOKED_TOKEN, REVOKED_BEFORE, PRICE, PRICE_CACHE, AVATAR, BENCH);
    }

    private static String requireNonNull(String part) {
        return java.util.Objects.requireNonNull(part, "a Redis key part");
    }
}
