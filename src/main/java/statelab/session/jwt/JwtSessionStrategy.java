package statelab.session.jwt;

import java.time.Instant;
import java.util.Map;
import statelab.session.FailureKind;
import statelab.session.Resolution;
import statelab.session.RevocationList;
import statelab.session.Session;
import statelab.session.SessionPolicy;
import statelab.session.SessionStrategy;

/**
 * Sessions kept nowhere on the server: the claims travel in a signed token (cookie {@code token},
 * or {@code Authorization: Bearer}), and any node verifies it with the public key alone.
 *
 * <p>Without a deny-list ({@link RevocationList#none()}) a logout cannot stop a copied token before it
 * expires; with one, every request pays a lookup, which is the trade the lesson is about. A settings
 * change re-signs the token once, whatever the number of settings, since the token is the only place
 * the session lives. A node with {@link TokenIssuer#none} verifies tokens others signed and raises
 * {@link statelab.session.CannotIssueException} on sign-in and on settings changes.
 */
public final class JwtSessionStrategy implements SessionStrategy {
    /** The cookie the credential travels in. */
    public static final String COOKIE = "token";
    public static final String ID = "jwt";

    private final TokenIssuer issuer;
    private final TokenVerifier verifier;
    private final SessionPolicy policy;
    private final RevocationList revocations;

    /** @param revocations the deny-list, or {@link RevocationList#none()} */
    public JwtSessionStrategy(TokenIssuer issuer, TokenVerifier verifier, SessionPolicy policy,
                              RevocationList revocations) {
        this.issuer = issuer;
        this.verifier = verifier;
        this.policy = policy;
        this.revocations = revocations;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String cookieName() {
        return COOKIE;
    }

    @Override
    public boolean acceptsBearer() {
        return true;
    }

    @Override
    public String create(String user) {
        return issuer.issue(new Session(user, policy.now(), java.util.Map.of()));
    }

    @Override
    public Resolution resolve(String credential) {
        return switch (verifier.verify(credential)) {
            case TokenVerifier.Refused refused -> Resolution.failed(refused.kind());
            case TokenVerifier.Verified verified -> stillValid(verified.token(), credential);
        };
    }

    /** A genuine token still needs to be off the deny-list and inside the absolute timeout. */
    private Resolution stillValid(VerifiedToken token, String credential) {
        if (revocations.isRevoked(token.tokenId(), token.session().user(), token.issuedAt())) {
            return Resolution.failed(FailureKind.REVOKED);
        }
        if (policy.pastAbsolute(token.session().createdAt())) {
            return Resolution.failed(FailureKind.EXPIRED);
        }
        return Resolution.found(token.session(), credential);
    }

    /** One signing for all the changes; the old token is revoked where the deny-list is on. */
    @Override
    public Resolution updateSettings(String credential, Map<String, String> changes) {
        return switch (resolve(credential)) {
            case Resolution.Failed failed -> failed;
            case Resolution.Found found -> {
                Session updated = found.session().with(changes);
                String replacement = issuer.issue(updated);
                revoke(credential);
                yield Resolution.found(updated, replacement);
            }
        };
    }

    @Override
    public boolean revoke(String credential) {
        return verifier.verify(credential) instanceof TokenVerifier.Verified verified
                && revocations.revoke(verified.token().tokenId(), verified.token().expiresAt());
    }

    /**
     * With the deny-list on, every token of the user issued until now is refused from now on, on every
     * node. Without it nothing can stop a token before it expires, and the answer is false.
     */
    @Override
    public boolean revokeAll(String user) {
        Instant now = policy.now();
        return revocations.revokeUserBefore(user, now, now.plus(policy.idle()));
    }

    /** The public keys tokens verify with now, as a node publishes them (public halves only). */
    public com.nimbusds.jose.jwk.JWKSet publicKeys() {
        return verifier.publicKeys();
    }

    @Override
    public int sessionsHeldLocally() {
        return 0;
    }
}
