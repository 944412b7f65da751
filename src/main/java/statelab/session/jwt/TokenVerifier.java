package statelab.session.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import statelab.session.FailureKind;
import statelab.session.Session;

/**
 * Verifies session tokens with public keys only, following RFC 8725: the algorithm is pinned to
 * ES256 (so {@code none}, HMAC and any other algorithm fail), the key is chosen by {@code kid} among
 * our own keys only ({@code jku}, {@code x5u} and embedded keys are never followed), {@code typ} must
 * be ours, and {@code iss}, {@code aud}, {@code exp}, {@code nbf}, {@code iat}, {@code sub} and
 * {@code jti} are all required and checked with {@value TokenClaims#CLOCK_SKEW_SECONDS} s of skew.
 * Oversized tokens are refused before parsing.
 *
 * <p>A token whose signature checked out is remembered ({@link VerifiedTokenCache}, keyed by its
 * exact text), so the same token presented again skips the signature check, the costly part, but
 * not the claims check, which runs on every call exactly as for a new token: an expired or not yet
 * valid token fails the same way whether it was seen before or not. A remembered token counts only
 * while the public key set is the very one it was verified against; after a rotation or a pruning
 * the next presentation is verified in full again, so a retired key stops working at once.
 */
public final class TokenVerifier {
    /** Tokens remembered per cache generation by default: far more than a lab's users, a few MB at most. */
    public static final int DEFAULT_CACHE_ENTRIES = 1024;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier;
    private final Supplier<JWKSet> publicKeys;
    private final VerifiedTokenCache verified;

    /** Verifies with a fixed set of public keys, against the system clock. */
    public TokenVerifier(JWKSet publicKeys) {
        this(() -> publicKeys, Clock.systemUTC());
    }

    /** Verifies with whatever public keys the supplier holds at the time, against the system clock. */
    public TokenVerifier(Supplier<JWKSet> publicKeys) {
        this(publicKeys, DEFAULT_CACHE_ENTRIES, Clock.systemUTC());
    }

    /**
     * Verifies with whatever public keys the supplier holds at the time (so rotations are seen at once),
     * judging {@code exp}, {@code nbf} and {@code iat} by the given clock (the sessions' own).
     */
    public TokenVerifier(Supplier<JWKSet> publicKeys, Clock clock) {
        this(publicKeys, DEFAULT_CACHE_ENTRIES, clock);
    }

    /** @param cacheEntries verified tokens to remember per cache generation; 0 checks every signature every time */
    public TokenVerifier(Supplier<JWKSet> publicKeys, int cacheEntries) {
        this(publicKeys, cacheEntries, Clock.systemUTC());
    }

    /**
     * @param cacheEntries verified tokens to remember per cache generation; 0 checks every signature every time
     * @param clock        judges {@code exp}, {@code nbf} and {@code iat}
     */
    public TokenVerifier(Supplier<JWKSet> publicKeys, int cacheEntries, Clock clock) {
        this.publicKeys = publicKeys;
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(TokenClaims.TYPE)));
        JWKSource<SecurityContext> source = (selector, context) -> selector.select(publicKeys.get());
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JwtKeys.ALGORITHM, source));
        claimsVerifier = new DefaultJWTClaimsVerifier<>(
                TokenClaims.AUDIENCE,
                new JWTClaimsSet.Builder().issuer(TokenClaims.ISSUER).build(),
                Set.of("sub", "exp", "iat", "nbf", "jti", TokenClaims.AUTH_TIME, TokenClaims.ISSUED_MILLIS)) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claimsVerifier.setMaxClockSkew(TokenClaims.CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claimsVerifier);
        verified = cacheEntries > 0 ? new VerifiedTokenCache(cacheEntries) : null;
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
        JWKSet keys = publicKeys.get();
        VerifiedTokenCache.Entry seen = verified == null ? null : verified.get(token);
        if (seen != null && seen.keys() == keys) {
            return recheck(token, seen);
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            VerifiedToken result = toVerified(claims);
            if (verified != null) {
                // Remembered against the key set read before verifying: if it changed meanwhile, the next call re-verifies.
                verified.put(token, new VerifiedTokenCache.Entry(claims, result, keys));
            }
            return new Outcome(result, null, "signature verified");
        } catch (ExpiredJWTException e) {
            return new Outcome(null, FailureKind.EXPIRED, "token expired");
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            return new Outcome(null, FailureKind.BAD_CREDENTIAL, e.getMessage());
        }
    }

    /** A remembered token: its signature is known good, its claims are checked again now, as the processor would. */
    private Outcome recheck(String token, VerifiedTokenCache.Entry seen) {
        try {
            claimsVerifier.verify(seen.claims(), null);
            return new Outcome(seen.token(), null, "signature verified");
        } catch (ExpiredJWTException e) {
            verified.remove(token);
            return new Outcome(null, FailureKind.EXPIRED, "token expired");
        } catch (BadJWTException e) {
            verified.remove(token);
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
        Instant issued = Instant.ofEpochMilli(claims.getLongClaim(TokenClaims.ISSUED_MILLIS));
        return new VerifiedToken(session, claims.getJWTID(), exp.toInstant(), issued);
    }
}
