package statelab.session.jwt;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import statelab.session.FailureKind;
import statelab.session.Session;
import statelab.session.SessionPolicy;
import statelab.session.SessionStrategy;
import statelab.session.SessionStrategyContract;

/** The jwt strategy without a deny-list: stateless, so a logout cannot stop a copied token. */
class JwtSessionStrategyTest extends SessionStrategyContract {
    private final JwtKeys keys = JwtKeys.generate();
    private final SessionPolicy policy = SessionPolicy.standard();
    private final TokenIssuer issuer = new TokenIssuer(keys, policy);

    @Override
    protected SessionStrategy newNode() {
        return new JwtSessionStrategy(issuer, new TokenVerifier(keys.publicKeys()), policy, Optional.empty());
    }

    @Override
    protected boolean sharedBetweenNodes() {
        return true;
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

        assertThat(node1.resolve(none).failure()).isEqualTo(FailureKind.BAD_CREDENTIAL);
    }

    @Test
    void an_hmac_token_keyed_with_our_public_key_is_refused() throws Exception {
        byte[] publicKeyBytes = keys.publicKeys().toString().getBytes(StandardCharsets.UTF_8);
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keys.keyId())
                .type(new JOSEObjectType(TokenClaims.TYPE)).build(), claimsFor("alice", Duration.ofMinutes(5)));
        forged.sign(new MACSigner(publicKeyBytes));

        assertThat(node1.resolve(forged.serialize()).failure()).isEqualTo(FailureKind.BAD_CREDENTIAL);
    }

    @Test
    void a_token_signed_by_another_key_is_refused() {
        TokenIssuer stranger = new TokenIssuer(JwtKeys.generate(), policy);

        String foreign = stranger.issue(new Session("alice", policy.now(), Map.of()));

        assertThat(node1.resolve(foreign).failure()).isEqualTo(FailureKind.BAD_CREDENTIAL);
    }

    @Test
    void an_expired_token_is_reported_as_expired() {
        SessionPolicy past = new SessionPolicy(Duration.ofMinutes(15), Duration.ofHours(8),
                java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(-1)));
        String old = new TokenIssuer(keys, past).issue(new Session("alice", past.now(), Map.of()));

        assertThat(node1.resolve(old).failure()).isEqualTo(FailureKind.EXPIRED);
    }

    @Test
    void a_settings_change_re_signs_the_token() {
        String token = node1.create("alice");

        var changed = node1.updateSetting(token, "theme", "dark");

        assertThat(changed.replacementCredential()).isPresent().get().isNotEqualTo(token);
        assertThat(node2.resolve(changed.credential()).session().settings()).containsEntry("theme", "dark");
    }

    @Test
    void an_oversized_token_is_refused_before_parsing() {
        String huge = "e".repeat(TokenClaims.MAX_TOKEN_CHARS + 1);

        TokenVerifier.Outcome outcome = new TokenVerifier(keys.publicKeys()).verify(huge);

        assertThat(outcome.failure()).isEqualTo(FailureKind.BAD_CREDENTIAL);
        assertThat(outcome.reason()).contains("larger than");
    }

    private static JWTClaimsSet claimsFor(String user, Duration life) {
        Date now = new Date();
        return new JWTClaimsSet.Builder().issuer(TokenClaims.ISSUER).audience(TokenClaims.AUDIENCE).subject(user)
                .issueTime(now).notBeforeTime(now).expirationTime(new Date(now.getTime() + life.toMillis()))
                .jwtID("x").claim(TokenClaims.AUTH_TIME, now.getTime() / 1000).build();
    }
}
