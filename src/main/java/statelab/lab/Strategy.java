package statelab.lab;

import java.util.Arrays;
import java.util.Optional;
import statelab.session.InMemorySessionStrategy;
import statelab.session.jwt.JwtSessionStrategy;

/**
 * The four ways the lab keeps Alice's session, one cluster each. The key is the kebab-case id used
 * everywhere (CLI, JSON, page); the order is the order the lesson shows them in.
 */
public enum Strategy {
    IN_MEMORY("in-memory", "round-robin", "RAM of the node that handled the login"),
    STICKY("sticky", "sticky-cookie", "RAM of the pinned node"),
    REDIS("redis", "round-robin", "Redis, one key per session, with a TTL"),
    JWT("jwt", "round-robin", "nowhere on the server: inside a signed token");

    private final String key;
    private final String balancing;
    private final String sessionHome;

    Strategy(String key, String balancing, String sessionHome) {
        this.key = key;
        this.balancing = balancing;
        this.sessionHome = sessionHome;
    }

    public String key() {
        return key;
    }

    /** The balancing policy's key: {@code round-robin} or {@code sticky-cookie}. */
    public String balancing() {
        return balancing;
    }

    /** Where the session lives, in a few words. */
    public String sessionHome() {
        return sessionHome;
    }

    /** The cookie that carries a client's credential in this cluster. */
    public String credentialCookie() {
        return this == JWT ? JwtSessionStrategy.COOKIE : InMemorySessionStrategy.COOKIE;
    }

    public boolean usesRedis() {
        return this == REDIS;
    }

    public static Optional<Strategy> fromKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}
