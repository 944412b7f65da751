package statelab.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SessionIdsTest {

    @Test
    void an_id_carries_256_random_bits_in_43_url_safe_characters() {
        String id = SessionIds.next();

        assertThat(id).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(id)).hasSize(SessionIds.BITS / 8);
        assertThat(SessionIds.wellFormed(id)).isTrue();
    }

    @Test
    void anything_else_is_not_well_formed() {
        assertThat(SessionIds.wellFormed(null)).isFalse();
        assertThat(SessionIds.wellFormed("")).isFalse();
        assertThat(SessionIds.wellFormed("A".repeat(42))).isFalse();
        assertThat(SessionIds.wellFormed("A".repeat(42) + "=")).isFalse();
        assertThat(SessionIds.wellFormed("A".repeat(42) + "é")).isFalse();
    }

    @Test
    void the_store_key_is_a_digest_not_the_id() {
        String id = SessionIds.next();

        assertThat(SessionIds.digest(id)).isNotEqualTo(id).doesNotContain(id).isEqualTo(SessionIds.digest(id));
    }
}
