package statelab.session;

import java.time.Duration;
import java.util.Optional;

/**
 * Limits sign-in attempts per user name, so a password cannot be guessed at speed. Where the counters
 * live decides what the limit means: counted per node, an attacker spread over five nodes gets five
 * times the limit; counted in a shared store, the limit is the limit (the lesson's rate-limit row).
 *
 * <p>Check and count are one step: {@link #reserve} counts the attempt before the password is
 * checked, atomically per user name, so guesses sent at the same moment cannot all pass a check made
 * before any of them was counted. A sign-in that succeeds gives its reservation back
 * ({@link #release}); a failed one keeps it, which is what counts the failure.
 */
public interface LoginThrottle {
    /** Failed attempts allowed per window before sign-ins for that user name are refused. */
    int LIMIT = 5;
    /** How long failures are remembered, and so how long a lock lasts at most. */
    Duration WINDOW = Duration.ofMinutes(5);

    /**
     * Counts one attempt for the user name, before its password is checked. Empty when the attempt
     * may go ahead; otherwise how long until the user name may try again (nothing was counted).
     */
    Optional<Duration> reserve(String user);

    /**
     * Gives back one reserved attempt: after a successful sign-in, or when the password was never
     * checked. A counter that reaches zero is dropped.
     */
    void release(String user);

    /** {@code node} or {@code redis}: where the counters live. */
    String scope();
}
