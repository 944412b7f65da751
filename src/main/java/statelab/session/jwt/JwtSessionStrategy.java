package statelab.session.jwt;

import java.util.Optional;
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
 * <p>Without a {@link RevocationList} a logout cannot stop a copied token before it expires; with
 * one, every request pays a lookup, which is the trade the lesson is about. A settings change
 * re-signs the token, since the token is the only place the session lives.
 */
public final class JwtSessionStrategy implements SessionStrategy {
    /** The cookie the credential travels in. */
    public static final String COOKIE = "token";
    public static final String ID = "jwt";

    private final TokenIssuer issuer;
    private final TokenVerifier verifier;
    private final SessionPolicy policy;
    private final Optional<RevocationList> revocations;

    public JwtSessionStrategy(TokenIssuer issuer, TokenVerifier verifier, SessionPolicy policy,
                              Optional<RevocationList> revocations) {
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
        TokenVerifier.Outcome outcome = verifier.verify(credential);
        if (outcome.token() == null) {
            return Resolution.failed(outcome.failure());
        }
        VerifiedToken token = outcome.token();
        if (revocations.isPresent() && revocations.get().active()
                && revocations.get().isRevoked(token.tokenId(), token.session().user(), token.issuedAt())) {
            return Resolution.failed(FailureKind.REVOKED);
        }
        if (policy.pastAbsolute(token.session().createdAt())) {
            return Resolution.failed(FailureKind.EXPIRED);
        }
        return Resolution.found(token.session());
    }

    @Override
    public Resolution updateSetting(String credential, String key, String value) {
        Resolution current = resolve(credential);
        if (!current.recognised()) {
            return current;
        }
        Session updated = current.session().with(key, value);
        String replacement = issuer.issue(updated);
        revoke(credential);
        return Resolution.found(updated, replacement);
    }

    @Override
    public void revoke(String credential) {
        if (!revocable()) {
            return;
        }
        VerifiedToken token = verifier.verify(credential).token();
        if (token != null) {
            revocations.get().revoke(token.tokenId(), token.expiresAt());
        }
    }

    /**
     * With the deny-list on, every token of the user issued until now is refused from now on, on every
     * node. Without it nothing can stop a token before it expires, and the answer is false.
     */
    @Override
    public boolean revokeAll(String user) {
        if (!revocable()) {
            return false;
        }
        java.time.Instant now = policy.now();
        revocations.get().revokeUserBefore(user, now, now.plus(policy.idle()));
        return true;
    }

    @Override
    public boolean revocable() {
        return revocations.isPresent() && revocations.get().active();
    }

    @Override
    public int sessionsHeldLocally() {
        return 0;
    }
}
