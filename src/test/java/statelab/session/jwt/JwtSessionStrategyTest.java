package statelab.session.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static statelab.session.Resolutions.failureOf;
import static statelab.session.Resolutions.found;
import static statelab.session.Resolutions.sessionOf;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import statelab.session.FailureKind;
import statelab.session.RevocationList;
import statelab.session.Session;
import statelab.session.Resolution;
import statelab.session.SessionPolicy;
import statelab.session.SessionStrategy;
import statelab.session.SessionStrategyContract;

/** The jwt strategy without a deny-list: stateless, so a logout cannot stop a copied token. */
class JwtSessionStrategyTest extends SessionStrategyContract {
    private final JwtKeys keys = JwtKeys.generate();
    private final SessionPolicy policy = SessionPolicy.standard();
    private final TokenIssuer issuer = TokenIssuer.signingWith(keys, policy);

    @Override
    protected SessionStrategy newNode() {
        return new JwtSessionStrategy(issuer, TokenVerifier.builder(keys.publicKeys()).build(), policy, RevocationList.none());
    }

    @Override
    protected boolean sharedBetweenNodes() {
        return true;
    }

    /** Without a deny-list a token cannot be stopped before it expires. */
    @Override
    protected boolean revokes() {
        return false;
    }

    @Test
    void the_claims_are_readable_by_anyone_holding_the_token() {
        String token = node1.create("alice");

        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);

        assertThat(payload).contains("\"sub\":\"alice\"").contains("\"iss\":\"statelab\"");
    }

    @Test
    void an_unsigned_token_is_refused() {
        JWTClaimsSet claims = claimsFor("alice", Duration.ofMinutes(5));
        String none = new PlainJWT(claims).serialize();

        assertThat(failureOf(node1.resolve(none))).isEqualTo(FailureKind.BAD_CREDENTIAL);
    }

    @Test
    void an_hmac_token_keyed_with_our_public_key_is_refused() throws Exception {
        byte[] publicKeyBytes = keys.publicKeys().toString().getBytes(StandardCharsets.UTF_8);
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keys.keyId())
                .type(new JOSEObjectType(TokenClaims.TYPE)).build(), claimsFor("alice", Duration.ofMinutes(5)));
        forged.sign(new MACSigner(publicKeyBytes));

        assertThat(failureOf(node1.resolve(forged.serialize()))).isEqualTo(FailureKind.BAD_CREDENTIAL);
    }

    @Test
    void a_token_signed_by_another_key_is_refused() {
        TokenIssuer stranger = TokenIssuer.signingWith(JwtKeys.generate(), policy);

        String foreign = stranger.issue(new Session("alice", policy.now(), Map.of()));

        assertThat(failureOf(node1.resolve(foreign))).isEqualTo(FailureKind.BAD_CREDENTIAL);
    }

    @Test
    void an_expired_token_is_reported_as_expired() {
        SessionPolicy past = new SessionPolicy(Duration.ofMinutes(15), Duration.ofHours(8),
                java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(-1)));
        String old = TokenIssuer.signingWith(keys, past).issue(new Session("alice", past.now(), Map.of()));

        assertThat(failureOf(node1.resolve(old))).isEqualTo(FailureKind.EXPIRED);
    }

    @Test
    void a_settings_change_re_signs_the_token() {
        String token = node1.create("alice");

        var changed = found(node1.updateSettings(token, Map.of("theme", "dark")));

        assertThat(changed.credential()).isNotEqualTo(token);
        assertThat(changed.replaces(token)).isTrue();
        assertThat(sessionOf(node2.resolve(changed.credential())).settings()).containsEntry("theme", "dark");
    }

    @Test
    void an_oversized_token_is_refused_before_parsing() {
        String huge = "e".repeat(TokenClaims.MAX_TOKEN_CHARS + 1);

        TokenVerifier.Outcome outcome = TokenVerifier.builder(keys.publicKeys()).build().verify(huge);

        assertThat(Outcomes.refusal(outcome)).isEqualTo(FailureKind.BAD_CREDENTIAL);
        assertThat(outcome.reason()).contains("larger than");
    }

    private static JWTClaimsSet claimsFor(String user, Duration life) {
        Date now = new Date();
        return new JWTClaimsSet.Builder().issuer(TokenClaims.ISSUER).audience(TokenClaims.AUDIENCE).subject(user)
                .issueTime(now).notBeforeTime(now).expirationTime(new Date(now.getTime() + life.toMillis()))
                .jwtID("x").claim(TokenClaims.AUTH_TIME, now.getTime() / 1000).build();
    }
}
