package statelab.web;

import java.util.OptionalInt;
import statelab.lab.Lab;
import statelab.session.redis.RedisAdmin;

/**
 * The page's view of the session keys in the lab's Redis, through the lab's one {@link RedisAdmin}
 * (which counts with SCAN): null when Redis is stopped or does not answer, so the page shows
 * "unknown" rather than a stale number. Logged-out sessions count too while their revoked marker lives.
 */
final class RedisKeyCount {
    private final Lab lab;

    RedisKeyCount(Lab lab) {
        this.lab = lab;
    }

    /** The number of session keys, or null when Redis cannot be asked right now. */
    Integer count() {
        if (lab.redis().managed() && !lab.redis().running()) {
            return null;
        }
        OptionalInt keys = lab.redisAccess().admin().countSessions();
        return keys.isPresent() ? keys.getAsInt() : null;
    }

    /**
     * Removes a session the lab made for itself (a measurement's), and its entry in the user's index,
     * so it never shows up in a count the learner sees. Does nothing when Redis cannot be reached.
     */
    void forget(String sessionId, String user) {
        lab.redisAccess().admin().forgetSession(sessionId, user);
    }
}
