package statelab.session.redis;

import statelab.session.SessionStoreUnavailableException;

/**
 * One request's {@code GETEX} waiting in {@link PipelinedRedisReads}: set once, by whichever thread
 * sent its batch, and read by the request's own thread after that. The first outcome stands; a later
 * one (a batch failing after some of its answers were in) is ignored.
 */
final class PendingRead {
    private final String key;
    private final long seconds;
    private final Thread thread;
    private String value;
    private SessionStoreUnavailableException failure;
    /** Written last by the sender, read first by the waiter: it publishes the value or the failure. */
    private volatile boolean done;

    PendingRead(String key, long seconds, Thread thread) {
        this.key = key;
        this.seconds = seconds;
        this.thread = thread;
    }

    String key() {
        return key;
    }

    long seconds() {
        return seconds;
    }

    /** The thread waiting for this read, to be woken once it is done. */
    Thread thread() {
        return thread;
    }

    boolean isDone() {
        return done;
    }

    void succeed(String answer) {
        if (!done) {
            value = answer;
            done = true;
        }
    }

    void fail(SessionStoreUnavailableException cause) {
        if (!done) {
            failure = cause;
            done = true;
        }
    }

    /** The value (null for an absent key), or the failure thrown; only once {@link #isDone()}. */
    String answer() {
        if (failure != null) {
            throw failure;
        }
        return value;
    }
}
