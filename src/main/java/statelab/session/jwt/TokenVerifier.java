package statelab.session.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import statelab.session.FailureKind;
import statelab.session.Session;

/**
 * Verifies session tokens with public keys only, following RFC 8725: the algorithm is pinned to
 * ES256 (so {@code none}, HMAC and any other algorithm fail), the key is chosen by {@code kid} among
 * our own keys only ({@code jku}, {@code x5u} and embedded keys are never followed), {@code typ} must
 * be ours, and {@code iss}, {@code aud}, {@code exp}, {@code nbf}, {@code iat}, {@code sub} and
 * {@code jti} are all required and checked with {@value TokenClaims#CLOCK_SKEW_SECONDS} s of skew.
 * Oversized tokens are refused before parsing.
 */
public final class TokenVerifier {
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public TokenVerifier(JWKSet publicKeys) {
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(TokenClaims.TYPE)));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JwtKeys.ALGORITHM, new ImmutableJWKSet<>(publicKeys)));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                TokenClaims.AUDIENCE,
                new JWTClaimsSet.Builder().issuer(TokenClaims.ISSUER).build(),
                Set.of("sub", "exp", "iat", "nbf", "jti", TokenClaims.AUTH_TIME));
        claims.setMaxClockSkew(TokenClaims.CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** The outcome of verifying one token: exactly one of {@code token} and {@code failure} is set. */
    public record Outcome(VerifiedToken token, FailureKind failure, String reason) {
    }

    /** Verifies a token; never throws for bad input. */
    public Outcome verify(String token) {
        if (token == null || token.isBlank()) {
            return new Outcome(null, FailureKind.NOT_RECOGNISED, "no token");
        }
        if (token.length() > TokenClaims.MAX_TOKEN_CHARS) {
            return new Outcome(null, FailureKind.BAD_CREDENTIAL, "token larger than " + TokenClaims.MAX_TOKEN_CHARS + " characters");
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            return new Outcome(toVerified(claims), null, "signature verified");
        } catch (ExpiredJWTException e) {
            return new Outcome(null, FailureKind.EXPIRED, "token expired");
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            return new Outcome(null, FailureKind.BAD_CREDENTIAL, e.getMessage());
        }
    }

    private static VerifiedToken toVerified(JWTClaimsSet claims) throws ParseException {
        Map<String, String> settings = new HashMap<>();
        Map<String, Object> raw = claims.getJSONObjectClaim(TokenClaims.SETTINGS);
        if (raw != null) {
            raw.forEach((k, v) -> settings.put(k, String.valueOf(v)));
        }
        Long authTime = claims.getLongClaim(TokenClaims.AUTH_TIME);
        Session session = new Session(claims.getSubject(), Instant.ofEpochSecond(authTime), settings);
        Date exp = claims.getExpirationTime();
        return new VerifiedToken(session, claims.getJWTID(), exp.toInstant());
    }
}
