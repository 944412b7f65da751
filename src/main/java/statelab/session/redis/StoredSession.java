package statelab.session.redis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import statelab.session.Session;

/**
 * A session as it is written to Redis: short field names, because the value is read on every
 * request. {@code r} marks a revoked session kept only so a replayed id is reported as revoked.
 * Written with Jackson's data binding (at sign-in and on a change), read with its streaming parser
 * ({@link #parse}), because a read happens on every request and binding a record costs several
 * times more (docs/BENCHMARKS.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StoredSession(String u, long c, Map<String, String> s, Boolean r) {

    static StoredSession of(Session session) {
        return new StoredSession(session.user(), session.createdAt().toEpochMilli(), session.settings(), null);
    }

    static StoredSession revoked() {
        return new StoredSession(null, 0, null, Boolean.TRUE);
    }

    /**
     * The stored value, or null when it is not a session as this class writes it (not JSON, not an
     * object, a setting that is not text). Fields it does not know are skipped; the Lua update script
     * re-encodes the value, so neither field order nor an empty settings object written as an array is
     * taken for damage.
     */
    static StoredSession parse(JsonFactory factory, String value) {
        try (JsonParser json = factory.createParser(value)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String user = null;
            long created = 0;
            Map<String, String> settings = null;
            Boolean revoked = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken token = json.nextToken();
                switch (field) {
                    case "u" -> user = token == JsonToken.VALUE_NULL ? null : json.getValueAsString();
                    case "c" -> created = json.getValueAsLong();
                    case "r" -> revoked = token == JsonToken.VALUE_TRUE ? Boolean.TRUE : null;
                    case "s" -> {
                        settings = settings(json, token);
                        if (settings == null) {
                            return null;
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            return new StoredSession(user, created, settings, revoked);
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, String> settings(JsonParser json, JsonToken token) throws IOException {
        if (token == JsonToken.START_ARRAY) {
            // Lua's cjson writes an empty table as either; only an empty one is ever an array here.
            return json.nextToken() == JsonToken.END_ARRAY ? Map.of() : null;
        }
        if (token == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (token != JsonToken.START_OBJECT) {
            return null;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String key = json.currentName();
            JsonToken v = json.nextToken();
            if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY || v == JsonToken.VALUE_NULL) {
                return null;
            }
            settings.put(key, json.getValueAsString());
        }
        return settings;
    }

    boolean isRevoked() {
        return Boolean.TRUE.equals(r);
    }

    Session toSession() {
        return new Session(u, Instant.ofEpochMilli(c), s == null ? Map.of() : s);
    }
}
