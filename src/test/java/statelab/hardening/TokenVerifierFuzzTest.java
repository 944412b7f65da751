package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import statelab.session.Session;
import statelab.session.SessionPolicy;
import statelab.session.jwt.JwtKeys;
import statelab.session.jwt.TokenIssuer;
import statelab.session.jwt.Outcomes;
import statelab.session.jwt.TokenVerifier;

/**
 * {@link TokenVerifier#verify} on anything at all: it never throws and never accepts text nobody
 * signed; and a genuine token with any bytes changed is refused, or (base64 can spell the same bytes
 * more than one way) accepted only as the very same session.
 */
class TokenVerifierFuzzTest {
    private static final JwtKeys KEYS = JwtKeys.generate();
    private static final TokenVerifier VERIFIER = TokenVerifier.builder(KEYS.publicKeys()).build();
    private static final Session ALICE = new Session("alice", Instant.now(), Map.of("theme", "dark"));
    private static final String GENUINE = TokenIssuer.signingWith(KEYS, SessionPolicy.standard()).issue(ALICE);

    @FuzzTest(maxDuration = "60s")
    void arbitrary_text_is_refused_and_never_throws(byte[] input) {
        TokenVerifier.Outcome outcome = VERIFIER.verify(new String(input, StandardCharsets.UTF_8));

        assertThat(outcome).as("accepted: %s", outcome).isInstanceOf(TokenVerifier.Refused.class);
        assertThat(Outcomes.refusal(outcome)).isNotNull();
    }

    @FuzzTest(maxDuration = "60s")
    void a_genuine_token_with_bytes_changed_is_refused_or_is_the_same_session(byte[] edits) {
        String mutated = edit(GENUINE, edits);

        TokenVerifier.Outcome outcome = VERIFIER.verify(mutated);

        if (outcome instanceof TokenVerifier.Verified verified) {
            Session session = verified.token().session();
            assertThat(session.user()).isEqualTo(ALICE.user());
            assertThat(session.settings()).isEqualTo(ALICE.settings());
            assertThat(verified.token().tokenId()).isEqualTo(Outcomes.verified(VERIFIER.verify(GENUINE)).tokenId());
        } else {
            assertThat(Outcomes.refusal(outcome)).isNotNull();
        }
    }

    /** Applies (position, byte) pairs from the input to the token's characters; a trailing odd byte truncates. */
    private static String edit(String token, byte[] edits) {
        StringBuilder text = new StringBuilder(token);
        for (int i = 0; i + 1 < edits.length; i += 2) {
            int at = Byte.toUnsignedInt(edits[i]) * text.length() / 256;
            text.setCharAt(at, (char) Byte.toUnsignedInt(edits[i + 1]));
        }
        if (edits.length % 2 == 1) {
            text.setLength(Byte.toUnsignedInt(edits[edits.length - 1]) * text.length() / 256);
        }
        return text.toString();
    }
}
