package statelab.session.jwt;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * Where a {@link TokenVerifier} finds the public keys it checks signatures with. A verifier asks for
 * {@link #current()} on every token; when a token names a {@code kid} the current set lacks, it asks
 * once for {@link #refreshedFor(String)}, which a remote source answers by fetching again (within its
 * own limits) and a local one by answering the same set.
 */
public interface PublicKeySource {

    /** The keys that verify now; never null (an empty set verifies nothing). */
    JWKSet current();

    /** The keys after looking again for {@code keyId}; by default the current ones. */
    default JWKSet refreshedFor(String keyId) {
        return current();
    }
}
