package statelab.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The request-rate cap shared by every virtual user: each send takes the next free slot, slots
 * {@code 1/rate} apart. A system that falls behind is not made to catch up with a burst: the next
 * slot is never earlier than now. With no cap every user sends as soon as its last answer is in.
 */
final class Pacer {
    private final long intervalNanos;
    private final AtomicLong next;

    /** @param perSecond requests per second for all users together; 0 for no cap */
    Pacer(int perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
        this.next = new AtomicLong(System.nanoTime());
    }

    /** Waits for this user's next slot; answers false when that slot falls at or after {@code deadline}. */
    boolean await(long deadline) {
        if (intervalNanos == 0) {
            return System.nanoTime() < deadline;
        }
        long now = System.nanoTime();
        long previous = next.getAndUpdate(n -> Math.max(n, now) + intervalNanos);
        long slot = Math.max(previous, now);
        if (slot >= deadline) {
            return false;
        }
        for (long wait = slot - System.nanoTime(); wait > 0; wait = slot - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        return true;
    }
}
