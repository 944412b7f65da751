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
}
