package statelab.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolutionTest {
    private final Session alice = new Session("alice", Instant.parse("2026-11-28T10:00:00Z"), Map.of());

    @Test
    void a_found_session_always_has_its_session_and_credential() {
        assertThatThrownBy(() -> Resolution.found(null, "c")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Resolution.found(alice, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_failure_always_has_its_kind() {
        assertThatThrownBy(() -> Resolution.failed(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_found_session_replaces_the_credential_only_when_it_carries_another() {
        assertThat(Resolution.found(alice, "same").replaces("same")).isFalse();
        assertThat(Resolution.found(alice, "new").replaces("old")).isTrue();
    }

    @Test
    void a_switch_over_the_two_cases_needs_no_default() {
        String found = describe(Resolution.found(alice, "c"));
        String failed = describe(Resolution.failed(FailureKind.EXPIRED));

        assertThat(found).isEqualTo("alice");
        assertThat(failed).isEqualTo("expired");
    }

    private static String describe(Resolution resolution) {
        return switch (resolution) {
            case Resolution.Found f -> f.session().user();
            case Resolution.Failed f -> f.kind().key();
        };
    }
}
