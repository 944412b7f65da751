package statelab.session;

/**
 * The store a strategy keeps sessions in cannot be reached. A node answers it with
 * 503 {@code store-down} and a {@code Retry-After}; it never treats it as "not signed in".
 */
public class SessionStoreUnavailableException extends RuntimeException {
    public SessionStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
