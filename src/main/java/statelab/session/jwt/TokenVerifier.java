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
 * <p>A token whose signature checked out is remembered ({@link VerifiedTokens}, keyed by its
 * exact text), so the same token presented again skips the signature check, the costly part, but
 * not the claims check, which runs on every call exactly as for a new token: an expired or not yet
 * valid token fails the same way whether it was seen before or not. A remembered token counts only
 * while the public key set is the very one it was verified against; after a rotation or a pruning
 * the next presentation is verified in full again, so a retired key stops working at once.
 *
 * <p>Made with {@link #builder}: the keys are required; the clock and the cache size have defaults.
 */
public final class TokenVerifier {
    /** Tokens remembered by default: far more than a lab's users, a few MB at most. */
    public static final int DEFAULT_CACHE_ENTRIES = 2048;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier;
    private final PublicKeySource publicKeys;
    private final VerifiedTokens verified;

    /**
     * A verifier that asks the source for the keys on every token, so a rotation is seen at once
     * ({@code TokenVerifier.builder(keys::publicKeys)}); see {@link Builder} for the options.
     */
    public static Builder builder(PublicKeySource publicKeys) {
        return new Builder(publicKeys);
    }

    /** A verifier of a fixed set of public keys. */
    public static Builder builder(JWKSet publicKeys) {
        return new Builder(() -> publicKeys);
    }

    /**
     * Options of a verifier, each with a default: the system clock, and {@value #DEFAULT_CACHE_ENTRIES}
     * verified tokens remembered.
     */
    public static final class Builder {
        private final PublicKeySource publicKeys;
        private Clock clock = Clock.systemUTC();
        private int cacheEntries = DEFAULT_CACHE_ENTRIES;

        private Builder(PublicKeySource publicKeys) {
            this.publicKeys = java.util.Objects.requireNonNull(publicKeys, "publicKeys");
        }

        /** The clock {@code exp}, {@code nbf} and {@code iat} are judged by (the sessions' own). */
        public Builder clock(Clock clock) {
            this.clock = java.util.Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Verified tokens to remember; 0 checks every signature every time. */
        public Builder cacheEntries(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("cache entries cannot be negative");
            }
            this.cacheEntries = entries;
            return this;
        }

        public TokenVerifier build() {
            return new TokenVerifier(this);
        }
    }

    private TokenVerifier(Builder options) {
        this.publicKeys = options.publicKeys;
        Clock clock = options.clock;
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(TokenClaims.TYPE)));
        JWKSource<SecurityContext> source = (selector, context) -> {
            var found = selector.select(publicKeys.current());
            String keyId = selector.getMatcher().getKeyIDs() == null || selector.getMatcher().getKeyIDs().size() != 1 ? null
                    : selector.getMatcher().getKeyIDs().iterator().next();
            if (found.isEmpty() && keyId != null) {
                // A key we have not seen: the issuer may have rotated since the keys were last fetched.
                found = selector.select(publicKeys.refreshedFor(keyId));
            }
            return found;
        };
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
        verified = VerifiedTokens.holding(options.cacheEntries, clock);
    }

    /** The public keys this verifier accepts now (public halves only). */
    public JWKSet publicKeys() {
        return publicKeys.current().toPublicJWKSet();
    }

    /** The outcome of verifying one token: {@link Verified} or {@link Refused}, nothing in either ever null. */
    public sealed interface Outcome permits Verified, Refused {
        /** Why, in a few words: "signature verified", or what was wrong. */
        String reason();
    }

    /** The signature and every claim checked out. */
    public record Verified(VerifiedToken token) implements Outcome {
        public Verified {
            java.util.Objects.requireNonNull(token, "token");
        }

        @Override
        public String reason() {
            return "signature verified";
        }
    }

    /** The token was refused, as {@code kind}, for {@code reason}. */
    public record Refused(FailureKind kind, String reason) implements Outcome {
        public Refused {
            java.util.Objects.requireNonNull(kind, "kind");
            reason = reason == null ? kind.key() : reason;
        }
    }

    /** Verifies a token; never throws for bad input. */
    public Outcome verify(String token) {
        if (token == null || token.isBlank()) {
            return new Refused(FailureKind.NOT_RECOGNISED, "no token");
        }
        if (token.length() > TokenClaims.MAX_TOKEN_CHARS) {
            return new Refused(FailureKind.BAD_CREDENTIAL, "token larger than " + TokenClaims.MAX_TOKEN_CHARS + " characters");
        }
        JWKSet keys = publicKeys.current();
        VerifiedTokenCache.Entry seen = verified.get(token);
        if (seen != null && seen.keys() == keys) {
            return recheck(token, seen);
        }
        try {
            JWTClaimsSet claims = processor.process(token, null);
            VerifiedToken result = toVerified(claims);
            // Remembered against the key set read before verifying: if it changed meanwhile, the next call re-verifies.
            verified.put(token, new VerifiedTokenCache.Entry(claims, result, keys));
            return new Verified(result);
        } catch (ExpiredJWTException e) {
            return new Refused(FailureKind.EXPIRED, "token expired");
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException e) {
            return new Refused(FailureKind.BAD_CREDENTIAL, e.getMessage());
        }
    }

    /** A remembered token: its signature is known good, its claims are checked again now, as the processor would. */
    private Outcome recheck(String token, VerifiedTokenCache.Entry seen) {
        try {
            claimsVerifier.verify(seen.claims(), null);
            return new Verified(seen.token());
        } catch (ExpiredJWTException e) {
            verified.remove(token);
            return new Refused(FailureKind.EXPIRED, "token expired");
        } catch (BadJWTException e) {
            verified.remove(token);
            return new Refused(FailureKind.BAD_CREDENTIAL, e.getMessage());
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
