package statelab.lab;

/**
 * The lab's Redis: either a real redis-server the lab runs itself, which it can stop and start, or
 * an external server given by URL, which the lab neither starts nor stops.
 */
public interface RedisControl extends AutoCloseable {

    /** The URL clients connect to, such as {@code redis://127.0.0.1:6380}. */
    String url();

    /** Whether the lab runs this server (and so can stop and start it). */
    boolean managed();

    /** Whether the server is believed to be running. */
    boolean running();

    /** Stops the server abruptly; throws {@link UnsupportedOperationException} when not {@link #managed()}. */
    void stop();

    /** Starts it again on the same port; throws {@link UnsupportedOperationException} when not {@link #managed()}. */
    void start();

    /** Whether this is a primary with a replica behind Sentinel, so that {@link #killPrimary()} makes sense. */
    default boolean replicated() {
        return false;
    }

    /** Whether every part runs; differs from {@link #running()} only for a replicated Redis that lost a node. */
    default boolean whole() {
        return running();
    }

    /**
     * Crashes the current primary so Sentinel must promote the replica; answers the killed address.
     * Throws {@link UnsupportedOperationException} when not {@link #replicated()}, IllegalStateException
     * when there is no live primary to kill.
     */
    default String killPrimary() {
        throw new UnsupportedOperationException("this Redis has no replica to fail over to; start the lab with --redis-ha");
    }

    /** The address clients are sent to now, such as {@code 127.0.0.1:6380}; empty when unknown or not replicated. */
    default java.util.Optional<String> primaryAddress() {
        return java.util.Optional.empty();
    }

    /** Whether the server keeps an append-only file, so a restart brings its sessions back. */
    default boolean persistent() {
        return false;
    }

    /**
     * Switches the append-only file on (every write synced before it is answered) or off while the
     * server runs, through the lab's admin connection; the next {@link #start()} keeps the choice. Throws
     * {@link UnsupportedOperationException} when the lab cannot change this server's settings,
     * {@link IllegalStateException} while it is stopped.
     */
    default void setPersistent(boolean on, statelab.session.redis.RedisAdmin admin) {
        throw new UnsupportedOperationException("the lab does not run this Redis (" + url() + "), so it cannot change its persistence");
    }

    @Override
    void close();
}
