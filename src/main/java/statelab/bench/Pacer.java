package statelab.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The request-rate cap shared by every virtual user: each send takes the next slot of a fixed
 * schedule, slots {@code 1/rate} apart from the pacer's creation. A system that falls behind gets
 * the held-back requests as soon as users are free, and each is timed from its slot, as a steady
 * stream of real clients would have seen it. With no cap every user sends as soon as its last answer
 * is in.
 */
final class Pacer {
    private final long intervalNanos;
    private final AtomicLong next;
    /** What {@link #await} answers once the deadline is reached. */
    static final long PAST_DEADLINE = Long.MIN_VALUE;

    /** @param perSecond requests per second for all users together; 0 for no cap */
    Pacer(int perSecond) {
        this.intervalNanos = perSecond <= 0 ? 0 : 1_000_000_000L / perSecond;
        this.next = new AtomicLong(System.nanoTime());
    }

    /**
     * Waits for this user's next slot and answers when the request was meant to be sent: the slot
     * itself, which may lie in the past when the answers come back slower than the rate (latencies
     * are timed from it, so a stall counts against every request it held back, not only the one it
     * hit: no coordinated omission). With no cap: now. Answers {@link #PAST_DEADLINE} when the slot
     * falls at or after {@code deadline}.
     */
    long await(long deadline) {
        long now = System.nanoTime();
        if (intervalNanos == 0) {
            return now < deadline ? now : PAST_DEADLINE;
        }
        long slot = next.getAndAdd(intervalNanos);
        if (slot >= deadline) {
            return PAST_DEADLINE;
        }
        for (long wait = slot - System.nanoTime(); wait > 0; wait = slot - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        return slot;
    }

    /** Whether requests are paced (then latencies run from the intended send time). */
    boolean paced() {
        return intervalNanos > 0;
    }
}
