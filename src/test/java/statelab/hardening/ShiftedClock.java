package statelab.hardening;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, shifted by an offset a test can change: lets the lab itself issue genuinely
 * signed tokens that are already expired, or not valid yet, without waiting.
 */
final class ShiftedClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void shift(Duration by) {
        offset = by;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
