package statelab.session.jwt;

import statelab.session.CannotIssueException;
import statelab.session.Session;
import statelab.session.SessionPolicy;

/**
 * Makes the signed token that carries a session. A node that holds the signing key has one that
 * signs ({@link #signingWith}); a node that has only the public keys has {@link #none}, which refuses.
 */
public interface TokenIssuer {

    /** A signed token for the session; raises {@link CannotIssueException} where this node cannot sign. */
    String issue(Session session);

    /** Signs with the current key of {@code keys}, for the timeouts of {@code policy}. */
    static TokenIssuer signingWith(JwtKeys keys, SessionPolicy policy) {
        return new SigningTokenIssuer(keys, policy);
    }

    /** Issues nothing: every {@link #issue} raises {@link CannotIssueException} with {@code why}. */
    static TokenIssuer none(String why) {
        return session -> {
            throw new CannotIssueException(why);
        };
    }
}
