package statelab.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevocationListTest {
    private final Instant now = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void no_deny_list_revokes_nothing_and_says_so() {
        RevocationList none = RevocationList.none();

        assertThat(none.revoke("jti-1", now.plusSeconds(60))).isFalse();
        assertThat(none.revokeUserBefore("alice", now, now.plusSeconds(60))).isFalse();

        assertThat(none.isRevoked("jti-1", "alice", now.minusSeconds(1))).isFalse();
    }

    @Test
    void there_is_one_no_deny_list() {
        assertThat(RevocationList.none()).isSameAs(RevocationList.none());
    }
}
