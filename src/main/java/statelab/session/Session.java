package statelab.session;

import java.time.Instant;
import java.util.Map;

/**
 * What a node knows about a signed-in user for the length of one request.
 *
 * @param user      the user's name, never null
 * @param createdAt when the user signed in (the start of the absolute timeout)
 * @param settings  the user's settings, never null, unmodifiable
 */
public record Session(String user, Instant createdAt, Map<String, String> settings) {
    public Session {
        settings = Map.copyOf(settings);
    }

    /** A copy of this session with one setting changed. */
    public Session with(String key, String value) {
        return with(Map.of(key, value));
    }

    /** A copy of this session with these settings changed (added or replaced); the others kept. */
    public Session with(Map<String, String> changes) {
        var copy = new java.util.HashMap<>(settings);
        copy.putAll(changes);
        return new Session(user, createdAt, copy);
    }
}
