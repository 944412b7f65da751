package statelab.session;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a request was not served as a signed-in user. Each kind has one kebab-case key used
 * everywhere: JSON bodies, the scenario table, the page and the CLI.
 */
public enum FailureKind {
    /** The node had no session for the credential it was given (or none was given). */
    NOT_RECOGNISED("not-recognised", 401),
    /** No healthy node answered; the load balancer had nowhere to send the request. */
    NODE_DOWN("node-down", 503),
    /** The session store could not be reached, so the node cannot tell who this is. */
    STORE_DOWN("store-down", 503),
    /** The credential was genuine but its lifetime is over. */
    EXPIRED("expired", 401),
    /** The credential was genuine but was revoked (logout, log out everywhere). */
    REVOKED("revoked", 401),
    /** Forged, tampered, malformed, or a wrong password. */
    BAD_CREDENTIAL("bad-credential", 401),
    /** Too many failed sign-ins for this user name; wait for {@code Retry-After}. */
    RATE_LIMITED("rate-limited", 429);

    private final String key;
    private final int status;

    FailureKind(String key, int status) {
        this.key = key;
        this.status = status;
    }

    /** The kebab-case key, such as {@code not-recognised}. */
    public String key() {
        return key;
    }

    /** The HTTP status a node answers with for this kind. */
    public int httpStatus() {
        return status;
    }

    /** The kind with this key, or empty when no kind has it. */
    public static Optional<FailureKind> fromKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    @Override
    public String toString() {
        return key;
    }
}
