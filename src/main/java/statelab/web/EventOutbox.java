package statelab.web;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One event-stream connection's outbox. Every event is a whole document, so only the newest frame
 * of each event name is kept: a slow browser gets the current state, never a backlog of old ones.
 * Its writer takes frames in the order their names first came, a keep-alive comment after a quiet
 * spell, and null once the connection is over.
 */
final class EventOutbox {
    private final Duration keepAlive;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final Map<String, String> frames = new LinkedHashMap<>();
    private boolean ended;

    EventOutbox(Duration keepAlive) {
        this.keepAlive = keepAlive;
    }

    void offer(String event, String frame) {
        lock.lock();
        try {
            frames.put(event, frame);
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Ends the connection: its writer wakes up and finishes. */
    void end() {
        lock.lock();
        try {
            ended = true;
            ready.signal();
        } finally {
            lock.unlock();
        }
    }

    /** The next frame to write, a comment after {@code keepAlive} without one, or null when ended. */
    String take() throws InterruptedException {
        lock.lock();
        try {
            long wait = keepAlive.toNanos();
            while (frames.isEmpty() && !ended && wait > 0) {
                wait = ready.awaitNanos(wait);
            }
            if (ended) {
                return null;
            }
            Iterator<String> oldest = frames.values().iterator();
            if (!oldest.hasNext()) {
                return SseFrame.comment("keep-alive");
            }
            String frame = oldest.next();
            oldest.remove();
            return frame;
        } finally {
            lock.unlock();
        }
    }
}
