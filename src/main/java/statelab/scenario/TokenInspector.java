package statelab.scenario;

import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Map;
import statelab.session.jwt.TokenVerifier;

/**
 * Reads a token the way any holder can (decode, no key needed), then asks the lab's verifier, which
 * holds only public keys, whether the signature and claims check out.
 */
final class TokenInspector {
    private final TokenVerifier verifier;

    TokenInspector(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    /** The decoded token, or null when the text is not a JWT at all. */
    TokenView inspect(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            Map<String, Object> header = jwt.getHeader().toJSONObject();
            Map<String, Object> claims = jwt.getJWTClaimsSet().toJSONObject();
            TokenVerifier.Outcome outcome = verifier.verify(token);
            return new TokenView(header, claims, outcome instanceof TokenVerifier.Verified, outcome.reason());
        } catch (ParseException e) {
            return new TokenView(Map.of(), Map.of(), false, "not a JWT: " + e.getMessage());
        }
    }
}
