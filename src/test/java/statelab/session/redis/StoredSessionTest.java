package statelab.session.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import statelab.session.Session;

class StoredSessionTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void a_session_written_by_data_binding_reads_back_the_same() throws Exception {
        Session session = new Session("alice", Instant.ofEpochMilli(1_764_547_200_123L), Map.of("theme", "dark", "lang", "fr"));

        StoredSession read = StoredSession.parse(json.getFactory(), json.writeValueAsString(StoredSession.of(session)));

        assertThat(read.isRevoked()).isFalse();
        assertThat(read.toSession()).isEqualTo(session);
    }

    @Test
    void a_revoked_marker_reads_as_revoked() throws Exception {
        StoredSession read = StoredSession.parse(json.getFactory(), json.writeValueAsString(StoredSession.revoked()));

        assertThat(read.isRevoked()).isTrue();
    }

    @Test
    void the_lua_scripts_encoding_reads_too_fields_reordered_escapes_and_an_empty_array_for_no_settings() {
        StoredSession reordered = StoredSession.parse(json.getFactory(), "{\"s\":{\"a\\/b\":\"x\"},\"c\":1764547200000,\"u\":\"bob\"}");
        StoredSession emptyArray = StoredSession.parse(json.getFactory(), "{\"u\":\"bob\",\"c\":1764547200000,\"s\":[]}");

        assertThat(reordered.toSession()).isEqualTo(new Session("bob", Instant.ofEpochMilli(1_764_547_200_000L), Map.of("a/b", "x")));
        assertThat(emptyArray.toSession().settings()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "42", "{\"u\":\"bob\",\"s\":{\"k\":{}}}", "{\"u\":\"bob\",\"s\":{\"k\":null}}",
            "{\"u\":\"bob\",\"s\":[1]}", "{\"u\":\"bob\",\"s\":5}", "{\"u\":\"bob\""})
    void anything_else_is_not_a_session(String value) {
        assertThat(StoredSession.parse(json.getFactory(), value)).isNull();
    }
}
