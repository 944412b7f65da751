package statelab.session.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import statelab.session.FailureKind;
import statelab.session.MutableClock;
import statelab.session.Session;
import statelab.session.SessionPolicy;

class JwtKeysTest {
    private final MutableClock clock = new MutableClock();
    private final JwtKeys keys = JwtKeys.generate(Duration.ofMinutes(15), clock);
    private final SessionPolicy policy = new SessionPolicy(Duration.ofMinutes(15), Duration.ofHours(8), java.time.Clock.systemUTC());
    private final TokenIssuer issuer = TokenIssuer.signingWith(keys, policy);
    private final TokenVerifier verifier = TokenVerifier.builder(keys::publicKeys).build();

    @Test
    void the_public_set_holds_no_private_key() {
        assertThat(keys.publicKeys().getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
    }

    @Test
    void a_token_signed_before_a_rotation_verifies_during_the_overlap_only() {
        String before = issuer.issue(new Session("alice", policy.now(), Map.of()));

        String newKid = keys.rotate();
        String after = issuer.issue(new Session("alice", policy.now(), Map.of()));

        assertThat(keys.publicKeys().getKeys()).hasSize(2);
        assertThat(verifier.verify(before)).isInstanceOf(TokenVerifier.Verified.class);
        assertThat(verifier.verify(after)).isInstanceOf(TokenVerifier.Verified.class);
        assertThat(after).isNotEqualTo(before);
        assertThat(keys.keyId()).isEqualTo(newKid);

        clock.advance(Duration.ofMinutes(16));

        assertThat(keys.publicKeys().getKeys()).hasSize(1);
        assertThat(Outcomes.refusal(verifier.verify(before))).isEqualTo(FailureKind.BAD_CREDENTIAL);
        assertThat(verifier.verify(after)).isInstanceOf(TokenVerifier.Verified.class);
    }
}
