package statelab.session;

import java.time.Duration;
import java.util.Optional;

/**
 * Limits failed sign-ins per user name, so a password cannot be guessed at speed. Where the counters
 * live decides what the limit means: counted per node, an attacker spread over five nodes gets five
 * times the limit; counted in a shared store, the limit is the limit (the lesson's rate-limit row).
 */
public interface LoginThrottle {
    /** Failed attempts allowed per window before sign-ins for that user name are refused. */
    int LIMIT = 5;
    /** How long failures are remembered, and so how long a lock lasts at most. */
    Duration WINDOW = Duration.ofMinutes(5);

    /** How long until the user name may try again, or empty when it may try now. */
    Optional<Duration> blocked(String user);

    /** Counts one failed attempt for the user name. */
    void failed(String user);

    /** A successful sign-in clears the user name's failures. */
    void succeeded(String user);

    /** {@code node} or {@code redis}: where the counters live. */
    String scope();
}
