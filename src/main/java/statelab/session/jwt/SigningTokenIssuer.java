package statelab.session.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import statelab.session.Session;
import statelab.session.SessionPolicy;

/**
 * {@link TokenIssuer#signingWith}: signs session tokens, ES256 with our {@code kid}, explicit {@code typ}, and {@code iss},
 * {@code aud}, {@code sub}, {@code iat}, {@code nbf}, {@code exp}, {@code jti}, {@code auth_time},
 * {@code iat_ms} (the issue time to the millisecond, so "log out everywhere" can cut off precisely)
 * and the user's settings. A token lives for the idle timeout, never past the absolute timeout.
 * In a real system this is the auth service; here every node shares one, as they would share a
 * signing service.
 */
final class SigningTokenIssuer implements TokenIssuer {
    private record Signer(String keyId, JWSSigner signer) {
    }

    private final JwtKeys keys;
    private final SessionPolicy policy;
    private volatile Signer signer;

    SigningTokenIssuer(JwtKeys keys, SessionPolicy policy) {
        this.keys = keys;
        this.policy = policy;
    }

    /** The signer for the current key, remade only after a rotation. */
    private Signer signer() {
        Signer known = signer;
        if (known != null && known.keyId().equals(keys.keyId())) {
            return known;
        }
        try {
            Signer fresh = new Signer(keys.keyId(), new ECDSASigner(keys.signingKey()));
            signer = fresh;
            return fresh;
        } catch (JOSEException e) {
            throw new IllegalStateException("the signing key is not usable", e);
        }
    }

    @Override
    public String issue(Session session) {
        Instant now = policy.now();
        Instant expiry = now.plus(policy.idle());
        Instant hardStop = session.createdAt().plus(policy.absolute());
        if (expiry.isAfter(hardStop)) {
            expiry = hardStop;
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(TokenClaims.ISSUER)
                .audience(TokenClaims.AUDIENCE)
                .subject(session.user())
                .issueTime(Date.from(now))
                .claim(TokenClaims.ISSUED_MILLIS, now.toEpochMilli())
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString())
                .claim(TokenClaims.AUTH_TIME, session.createdAt().getEpochSecond())
                .claim(TokenClaims.SETTINGS, session.settings())
                .build();
        Signer current = signer();
        JWSHeader header = new JWSHeader.Builder(JwtKeys.ALGORITHM)
                .keyID(current.keyId())
                .type(new JOSEObjectType(TokenClaims.TYPE))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(current.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }
}
