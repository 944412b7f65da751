package statelab.session.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.util.UUID;

/**
 * The lab's token signing key: an ES256 (P-256) key pair with a random {@code kid}. The private
 * half stays with the issuer; nodes get only {@link #publicKeys()} to verify with.
 */
public final class JwtKeys {
    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;

    private final ECKey signingKey;

    private JwtKeys(ECKey signingKey) {
        this.signingKey = signingKey;
    }

    /** A freshly generated key pair. */
    public static JwtKeys generate() {
        try {
            return new JwtKeys(new ECKeyGenerator(Curve.P_256)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(ALGORITHM)
                    .generate());
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate a P-256 key", e);
        }
    }

    ECKey signingKey() {
        return signingKey;
    }

    public String keyId() {
        return signingKey.getKeyID();
    }

    /** The public keys, as a JWK set with no private parts. */
    public JWKSet publicKeys() {
        return new JWKSet(signingKey.toPublicJWK());
    }
}
