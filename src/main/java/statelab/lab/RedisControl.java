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

    @Override
    void close();
}
