package statelab.session;

import java.util.Objects;

/**
 * The answer to "who presents this credential?": {@link Found} a session, or {@link Failed} with the
 * kind of failure. Nothing in either is ever null, so callers switch over the two cases:
 * <pre>{@code
 * switch (strategy.resolve(credential)) {
 *     case Resolution.Found found -> ... found.session() ...
 *     case Resolution.Failed failed -> ... failed.kind() ...
 * }
 * }</pre>
 */
public sealed interface Resolution permits Resolution.Found, Resolution.Failed {

    /**
     * The credential was recognised.
     *
     * @param session    the session behind it
     * @param credential the credential that names this session from now on: the one presented, or, where
     *                   the strategy keeps the session in the credential itself (jwt), a freshly signed
     *                   replacement the client must store instead
     */
    record Found(Session session, String credential) implements Resolution {
        public Found {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(credential, "credential");
        }

        /** Whether the client must replace the credential it presented with {@link #credential()}. */
        public boolean replaces(String presented) {
            return !credential.equals(presented);
        }
    }

    /** The credential was not recognised, for this reason. */
    record Failed(FailureKind kind) implements Resolution {
        public Failed {
            Objects.requireNonNull(kind, "kind");
        }
    }

    static Found found(Session session, String credential) {
        return new Found(session, credential);
    }

    static Failed failed(FailureKind kind) {
        return new Failed(kind);
    }
}
