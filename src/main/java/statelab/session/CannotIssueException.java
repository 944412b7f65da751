package statelab.session;

/**
 * This node cannot start a session or re-issue a credential: it verifies credentials that another
 * node issued (a jwt node started with the public keys only, {@code statelab node --jwks URL}).
 * A node answers it with a 4xx problem that says where to sign in instead.
 */
public final class CannotIssueException extends RuntimeException {
    public CannotIssueException(String message) {
        super(message);
    }
}
