package statelab.session;

import java.util.Optional;

/**
 * The answer to "who presents this credential?": a session, or the kind of failure.
 * Exactly one of {@code session} and {@code failure} is present.
 *
 * @param session     the session when the credential was recognised
 * @param failure     the failure kind otherwise
 * @param credential  a replacement credential the client must store from now on, or null (a JWT
 *                    strategy re-signs its token when the session changes; the others never do)
 */
public record Resolution(Session session, FailureKind failure, String credential) {

    public static Resolution found(Session session) {
        return new Resolution(session, null, null);
    }

    public static Resolution found(Session session, String newCredential) {
        return new Resolution(session, null, newCredential);
    }

    public static Resolution failed(FailureKind kind) {
        return new Resolution(null, kind, null);
    }

    public boolean recognised() {
        return session != null;
    }

    public Optional<String> replacementCredential() {
        return Optional.ofNullable(credential);
    }
}
