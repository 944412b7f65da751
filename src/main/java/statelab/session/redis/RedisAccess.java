package statelab.session.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one way a lab reaches its Redis: one Lettuce client on the lab's one set of client resources
 * (event loops, timers), from which every node gets a {@link RedisLink} with connections of its own
 * ({@link #newLink()}), and the lab's own {@link RedisAdmin} for counting, flushing and statistics.
 *
 * <p>Contract: {@link #close()} closes the admin's connection, then the client (and with it any
 * node link not yet closed), then the resources if this access made them; the lab calls it once,
 * after its nodes. Resources passed in are the caller's to shut down, after this is closed.
 */
public final class RedisAccess implements AutoCloseable {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final String url;
    private final ClientResources resources;
    private final boolean ownsResources;
    private final RedisClient client;
    private final ReentrantLock adminLock = new ReentrantLock();
    private RedisAdmin admin;

    /** Access on resources the caller owns (the lab's, shared with its other Redis clients). */
    public RedisAccess(ClientResources resources, String url) {
        this(resources, url, false);
    }

    private RedisAccess(ClientResources resources, String url, boolean ownsResources) {
        this.url = url;
        this.resources = resources;
        this.ownsResources = ownsResources;
        this.client = RedisLink.newClient(resources, url);
    }

    /** Access with resources of its own, shut down on {@link #close()}: a node process, a benchmark fork. */
    public static RedisAccess withOwnResources(String url) {
        return new RedisAccess(newResources(), url, true);
    }

    /**
     * Client resources as the lab wants them: two event-loop threads, and a reconnect within half a
     * second of Redis coming back instead of Lettuce's default back-off of up to 30 s.
     */
    public static ClientResources newResources() {
        return DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofMillis(500), 2, TimeUnit.MILLISECONDS))
                .build();
    }

    public String url() {
        return url;
    }

    /** The resources every Redis client of this lab runs on. */
    public ClientResources resources() {
        return resources;
    }

    /** A node's own link: its own connections (made on first use) on the shared client; close it with the node. */
    public RedisLink newLink() {
        return new RedisLink(client, url, false);
    }

    /** The lab's one admin (counting, flushing, statistics), made on first use. */
    public RedisAdmin admin() {
        adminLock.lock();
        try {
            if (admin == null) {
                admin = new RedisAdmin(newLink());
            }
            return admin;
        } finally {
            adminLock.unlock();
        }
    }

    @Override
    public void close() {
        adminLock.lock();
        try {
            if (admin != null) {
                admin.close();
            }
        } finally {
            adminLock.unlock();
        }
        client.shutdown(Duration.ZERO, CLOSE_WAIT);
        if (ownsResources) {
            resources.shutdown(0, CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
