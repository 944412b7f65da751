package statelab.lab;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The threads a node serves its requests on. Both kinds run the same code; they differ in what a
 * blocking Redis read costs (docs/BENCHMARKS.md, "Node threads"):
 * <ul>
 *   <li>{@code platform}: a pool of platform threads without reserved threads. A request blocked on
 *       Redis is woken by the kernel once; on an idle lab the node's session lookup is then about
 *       1.6x a bare {@code GET} instead of about 2.6x. Under many concurrent users every blocked
 *       request holds a thread, and each answer is a wake-up of its own.</li>
 *   <li>{@code virtual}: Jetty's pool handing each request to a virtual thread. A blocked read parks
 *       the virtual thread; the JDK's poller and then a carrier thread must wake to resume it (two
 *       wake-ups, dear on a small machine when idle), but under load one poller wake-up resumes many
 *       requests: the redis node serves 10 to 19% more requests per second than on platform threads.</li>
 * </ul>
 * The lab the page drives sends one request at a time, so it runs {@link #PLATFORM}; {@code statelab
 * bench} drives up to thousands of users and runs {@link #VIRTUAL}. Either can be asked for.
 */
public enum NodeThreads {
    PLATFORM("platform"),
    VIRTUAL("virtual");

    /**
     * Most platform threads one pool starts. Requests beyond them wait in Jetty's job queue, which holds at
     * most one job per open connection (a connection is dispatched again only once its job has run), as in
     * every other pool of the lab.
     */
    static final int MAX_PLATFORM = 256;

    private final String key;

    NodeThreads(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The kind with this key, or empty for any other text (null included). */
    public static Optional<NodeThreads> byKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(NodeThreads::key).toList();
    }

    /** A new pool of this kind, not started; its owner starts and stops it. */
    public QueuedThreadPool newPool(String name) {
        QueuedThreadPool pool;
        if (this == PLATFORM) {
            pool = new QueuedThreadPool(MAX_PLATFORM, 8);
            // No reserved threads: Jetty would otherwise wake a reserved thread to take over the selector
            // while the request runs, and on two cores that wake-up competes with the Redis answer the request
            // waits for (the idle lookup measured 1.9-2.3x a bare GET with them, 1.4-1.6x without).
            pool.setReservedThreads(0);
        } else {
            pool = new QueuedThreadPool(64, 2);
            pool.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        }
        pool.setName(name);
        return pool;
    }
}
