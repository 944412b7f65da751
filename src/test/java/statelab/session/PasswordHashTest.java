package statelab.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void the_right_password_matches_and_a_wrong_one_does_not() {
        PasswordHash hash = PasswordHash.of("wonderland".toCharArray(), 1000);

        assertThat(hash.matches("wonderland".toCharArray())).isTrue();
        assertThat(hash.matches("Wonderland".toCharArray())).isFalse();
    }

    @Test
    void the_text_form_round_trips_and_salts_differ() {
        PasswordHash a = PasswordHash.of("same".toCharArray(), 1000);
        PasswordHash b = PasswordHash.of("same".toCharArray(), 1000);

        assertThat(PasswordHash.parse(a.text()).matches("same".toCharArray())).isTrue();
        assertThat(a.text()).isNotEqualTo(b.text()).startsWith("pbkdf2-sha512$1000$");
    }

    @Test
    void text_that_is_not_a_hash_is_refused() {
        assertThatThrownBy(() -> PasswordHash.parse("wonderland")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_demo_users_sign_in_with_their_passwords_only() {
        UserDirectory users = UserDirectory.demo();

        assertThat(users.authenticate("alice", "wonderland".toCharArray())).isTrue();
        assertThat(users.authenticate("bob", "builder".toCharArray())).isTrue();
        assertThat(users.authenticate("alice", "builder".toCharArray())).isFalse();
        assertThat(users.authenticate("mallory", "wonderland".toCharArray())).isFalse();
        assertThat(users.authenticate(null, null)).isFalse();
    }

    @Test
    void trailing_nul_characters_are_not_the_password() {
        PasswordHash hash = PasswordHash.of("wonderland".toCharArray(), 1000);

        // HMAC pads a short key with zero bytes, so the KDF alone cannot tell these from the password.
        assertThat(hash.matches("wonderland\0".toCharArray())).isFalse();
        assertThat(hash.matches("wonderland\0\0\0".toCharArray())).isFalse();
        assertThat(hash.matches("wonderland".toCharArray())).isTrue();
    }

    @Test
    void text_the_hash_would_not_see_whole_is_refused() {
        PasswordHash hash = PasswordHash.of("wonderlan?".toCharArray(), 1000);
        String long128 = "x".repeat(PasswordHash.MAX_PASSWORD_BYTES + 1);
        PasswordHash longHash = PasswordHash.of(long128.toCharArray(), 1000);

        // A lone surrogate is encoded as '?': a different text that would hash the same.
        assertThat(hash.matches("wonderlan\uD800".toCharArray())).isFalse();
        // HMAC hashes a key longer than its block first, so a long password has a short twin.
        assertThat(longHash.matches(long128.toCharArray())).isFalse();
    }
}
