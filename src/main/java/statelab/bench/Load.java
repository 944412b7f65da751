package statelab.bench;

import java.util.Optional;

/**
 * The virtual users of one phase, wherever they run: in the bench's own JVM ({@link LoadGenerator})
 * or in a JVM of their own ({@link LoadProcess}), so the lab and the balancer do not share a heap
 * with thousands of users. The phase calls the steps in order: {@link #signIn}, {@link #start},
 * {@link #mark} at most once, {@link #finish}, then {@link #close}.
 */
interface Load extends AutoCloseable {

    /** Signs the users in (a few, the rest share their sessions); answers how many hold a session. */
    int signIn() throws Exception;

    /**
     * Starts every user sending: they warm up until {@code origin} (a {@link System#nanoTime()} of this
     * JVM) and are measured for {@code durationNanos} after it.
     */
    void start(long origin, long durationNanos) throws Exception;

    /** A node was killed at {@code nanos} (this JVM's clock): failures from then on are also counted apart. */
    void mark(long nanos);

    /** What has been recorded so far, for the progress line; empty when the users run elsewhere. */
    Optional<Recorder> live();

    /** Waits for every user to stop after the window and answers what they measured. */
    Outcome finish() throws Exception;

    /** Where the users run: {@code in-process} or {@code own-process}. */
    String where();

    @Override
    void close();

    /**
     * @param withCredential answered requests that carried a credential
     * @param lostSessions   users who had succeeded before the mark and never after it (0 without a mark)
     * @param ownCpuNanos    CPU the load generator used in the window when it ran in a process of its own; 0 in-process
     */
    record Outcome(int signedIn, Recorder recorder, long withCredential, int lostSessions, long ownCpuNanos) {
    }
}
