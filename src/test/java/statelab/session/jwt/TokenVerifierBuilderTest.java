package statelab.session.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import statelab.session.CannotIssueException;
import statelab.session.FailureKind;
import statelab.session.MutableClock;
import statelab.session.Session;
import statelab.session.SessionPolicy;

/** One way to make a verifier: its keys required, its clock and cache optional. */
class TokenVerifierBuilderTest {
    private final MutableClock clock = new MutableClock();
    private final SessionPolicy policy = new SessionPolicy(Duration.ofMinutes(15), Duration.ofHours(8), clock);
    private final JwtKeys keys = JwtKeys.generate(Duration.ofMinutes(15), clock);
    private final String token = TokenIssuer.signingWith(keys, policy).issue(new Session("alice", clock.instant(), Map.of()));

    @Test
    void the_clock_given_judges_expiry() {
        TokenVerifier verifier = TokenVerifier.builder(keys::publicKeys).clock(clock).build();
        assertThat(verifier.verify(token)).isInstanceOf(TokenVerifier.Verified.class);

        clock.advance(Duration.ofMinutes(20));

        assertThat(Outcomes.refusal(verifier.verify(token))).isEqualTo(FailureKind.EXPIRED);
    }

    @Test
    void without_a_clock_the_system_clock_judges_so_a_token_from_a_test_clock_has_long_expired() {
        TokenVerifier verifier = TokenVerifier.builder(keys::publicKeys).build();

        assertThat(Outcomes.refusal(verifier.verify(token))).isEqualTo(FailureKind.EXPIRED);
    }

    @Test
    void a_fixed_key_set_verifies_like_a_live_one() {
        TokenVerifier verifier = TokenVerifier.builder(keys.publicKeys()).clock(clock).cacheEntries(0).build();

        assertThat(Outcomes.verified(verifier.verify(token)).session().user()).isEqualTo("alice");
    }

    @Test
    void a_negative_cache_size_or_no_keys_is_refused() {
        assertThatThrownBy(() -> TokenVerifier.builder(keys::publicKeys).cacheEntries(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenVerifier.builder((PublicKeySource) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void an_unknown_key_id_asks_the_source_again_once() {
        AtomicInteger refreshes = new AtomicInteger();
        JwtKeys other = JwtKeys.generate(Duration.ofMinutes(15), clock);
        PublicKeySource source = new PublicKeySource() {
            @Override
            public JWKSet current() {
                return other.publicKeys();
            }

            @Override
            public JWKSet refreshedFor(String keyId) {
                refreshes.incrementAndGet();
                return keyId.equals(keys.keyId()) ? keys.publicKeys() : current();
            }
        };

        TokenVerifier verifier = TokenVerifier.builder(source).clock(clock).cacheEntries(0).build();

        assertThat(verifier.verify(token)).isInstanceOf(TokenVerifier.Verified.class);
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void no_issuer_refuses_to_sign_with_its_reason() {
        TokenIssuer none = TokenIssuer.none("this node verifies only");

        assertThatThrownBy(() -> none.issue(new Session("alice", clock.instant(), Map.of())))
                .isInstanceOf(CannotIssueException.class).hasMessage("this node verifies only");
    }
}
