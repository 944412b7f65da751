package statelab.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The timeouts every strategy enforces on the server side (OWASP session management): a session
 * ends after {@code idle} without a request, and after {@code absolute} whatever happens.
 *
 * @param idle     the idle timeout; also a JWT's lifetime, since a token cannot slide
 * @param absolute the absolute timeout, counted from sign-in
 * @param clock    the clock all expiry decisions read, so tests can move time
 */
public record SessionPolicy(Duration idle, Duration absolute, Clock clock) {

    /** 15 minutes idle, 8 hours absolute, the system clock. */
    public static SessionPolicy standard() {
        return new SessionPolicy(Duration.ofMinutes(15), Duration.ofHours(8), Clock.systemUTC());
    }

    public Instant now() {
        return clock.instant();
    }

    /** Whether a session created at {@code createdAt} has passed its absolute timeout. */
    public boolean pastAbsolute(Instant createdAt) {
        return !now().isBefore(createdAt.plus(absolute));
    }
}
