package statelab.session.redis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import statelab.session.Session;

/**
 * A session as it is written to Redis: short field names, because the value is read on every
 * request. {@code r} marks a revoked session kept only so a replayed id is reported as revoked.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StoredSession(String u, long c, Map<String, String> s, Boolean r) {

    static StoredSession of(Session session) {
        return new StoredSession(session.user(), session.createdAt().toEpochMilli(), session.settings(), null);
    }

    static StoredSession revoked() {
        return new StoredSession(null, 0, null, Boolean.TRUE);
    }

    boolean isRevoked() {
        return Boolean.TRUE.equals(r);
    }

    Session toSession() {
        return new Session(u, Instant.ofEpochMilli(c), s == null ? Map.of() : s);
    }
}
