package statelab.session.redis;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.GetExParams;
import statelab.session.RequestTrace;
import statelab.session.SessionStoreUnavailableException;

/**
 * The per-request read path to Redis: one held connection, and the reads of concurrent requests
 * sent on it together. A request's thread puts its {@code GETEX} in a queue; whichever thread finds
 * the connection free becomes the sender: it takes every read queued so far (at most
 * {@link #MAX_BATCH}), writes them as one pipeline, reads the answers, hands each to its request and
 * wakes it. Reads that arrive while a batch is out wait for the next one. On an idle node every
 * batch is one read, sent on the request's own thread like a plain blocking call; under load one
 * write, one read and one Redis wake-up serve many requests (docs/BENCHMARKS.md, "Redis reads in
 * batches").
 *
 * <p>Contract: each read is still exactly one command, in the request's trace. At most
 * {@link #MAX_WAITING} reads wait at once; one more is refused at once. A batch waits at most the
 * timeout to connect and for its answers, so a read waits at most that twice (its batch and the one
 * before it). Every failure (refused, timed out, broken, an error answer) becomes
 * {@link SessionStoreUnavailableException} for the reads it touched, and a broken connection is
 * closed, so the next batch connects afresh (after a Redis restart, for instance). Only plain
 * {@code redis://} URLs without credentials are served here ({@link #forUrl} is empty for any other).
 */
final class PipelinedRedisReads implements AutoCloseable {
    static final int MAX_BATCH = 64;
    static final int MAX_WAITING = 4096;

    private static final CommandObjects COMMANDS = new CommandObjects();

    private final HostAndPort address;
    private final JedisClientConfig config;
    private final ConcurrentLinkedQueue<PendingRead> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    /** Held by the one thread sending a batch; guards {@link #connection}. A lock, so a virtual thread may wait on the network under it. */
    private final ReentrantLock sending = new ReentrantLock();
    private Connection connection;
    private volatile boolean closed;

    private final int maxWaiting;

    private PipelinedRedisReads(HostAndPort address, Duration timeout, int maxWaiting) {
        this.maxWaiting = maxWaiting;
        int millis = (int) timeout.toMillis();
        this.address = address;
        this.config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis).socketTimeoutMillis(millis)
                // No CLIENT SETINFO on connect: a read stays exactly one command, as the bench counts them.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED).build();
    }

    /** Reads for {@code redisUrl}, or empty when the URL is not a plain {@code redis://host:port} one. */
    static Optional<PipelinedRedisReads> forUrl(String redisUrl, Duration timeout) {
        return forUrl(redisUrl, timeout, MAX_WAITING);
    }

    /** As {@link #forUrl(String, Duration)}, with another bound on waiting reads (a test's). */
    static Optional<PipelinedRedisReads> forUrl(String redisUrl, Duration timeout, int maxWaiting) {
        URI uri = URI.create(redisUrl);
        boolean plain = "redis".equals(uri.getScheme()) && uri.getUserInfo() == null && uri.getHost() != null
                && uri.getPort() > 0 && (uri.getPath() == null || uri.getPath().isEmpty() || "/".equals(uri.getPath()));
        return plain ? Optional.of(new PipelinedRedisReads(new HostAndPort(uri.getHost(), uri.getPort()), timeout, maxWaiting))
                : Optional.empty();
    }

    /** {@code GETEX key EX seconds}: the value, or null when the key is absent. */
    String getex(String key, long seconds) {
        RequestTrace.recordCommand("GETEX");
        if (closed) {
            throw new SessionStoreUnavailableException("the Redis reads are closed", null);
        }
        if (waiting.isEmpty() && sending.tryLock()) {
            // Nothing queued and the connection free (an idle node): a plain round trip, no queueing.
            try {
                return readAlone(key, seconds);
            } finally {
                sending.unlock();
                wakeNextSender();
            }
        }
        if (waitingCount.incrementAndGet() > maxWaiting) {
            waitingCount.decrementAndGet();
            throw new SessionStoreUnavailableException(maxWaiting + " Redis reads are already waiting", null);
        }
        PendingRead read = new PendingRead(key, seconds, Thread.currentThread());
        waiting.add(read);
        while (!read.isDone()) {
            if (sending.tryLock()) {
                try {
                    if (!read.isDone()) {
                        sendBatch();
                    }
                } finally {
                    sending.unlock();
                }
                wakeNextSender();
            } else {
                // The sender wakes this thread when its answer is in, or when the connection came free.
                LockSupport.park(this);
            }
        }
        return read.answer();
    }

    /**
     * A read queued while the last batch was out must not wait for a sender that already left: the
     * thread at the head of the queue is woken to send it. Checked after unlocking, so a read queued
     * before the unlock is either in a batch or seen here.
     */
    private void wakeNextSender() {
        PendingRead next = waiting.peek();
        if (next != null) {
            LockSupport.unpark(next.thread());
        }
    }

    private String readAlone(String key, long seconds) {
        try {
            return roundTrip(key, seconds);
        } catch (JedisException e) {
            dropBrokenConnection();
            throw notAnswered(e);
        }
    }

    /** One {@code GETEX} written and its answer read, on the connection (made first when there is none). */
    private String roundTrip(String key, long seconds) {
        return connection().executeCommand(COMMANDS.getEx(key, GetExParams.getExParams().ex(seconds)));
    }

    private static SessionStoreUnavailableException notAnswered(JedisException e) {
        return new SessionStoreUnavailableException("Redis did not answer: " + e.getMessage(), e);
    }

    private void sendBatch() {
        List<PendingRead> batch = takeBatch();
        try {
            if (batch.size() == 1) {
                PendingRead only = batch.get(0);
                only.succeed(roundTrip(only.key(), only.seconds()));
            } else {
                Pipeline pipeline = new Pipeline(connection());
                List<Response<String>> answers = new ArrayList<>(batch.size());
                for (PendingRead read : batch) {
                    answers.add(pipeline.getEx(read.key(), GetExParams.getExParams().ex(read.seconds())));
                }
                pipeline.sync();
                for (int i = 0; i < batch.size(); i++) {
                    settle(batch.get(i), answers.get(i));
                }
            }
        } catch (JedisException e) {
            dropBrokenConnection();
            SessionStoreUnavailableException failure = notAnswered(e);
            batch.forEach(read -> read.fail(failure));
        } finally {
            Thread sender = Thread.currentThread();
            for (PendingRead read : batch) {
                if (read.thread() != sender) {
                    LockSupport.unpark(read.thread());
                }
            }
        }
    }

    private static void settle(PendingRead read, Response<String> answer) {
        try {
            read.succeed(answer.get());
        } catch (JedisException e) {
            // An error answer to one read (a key of the wrong type) is that read's failure only.
            read.fail(new SessionStoreUnavailableException("Redis refused the read: " + e.getMessage(), e));
        }
    }

    private List<PendingRead> takeBatch() {
        List<PendingRead> batch = new ArrayList<>(Math.min(MAX_BATCH, Math.max(1, waitingCount.get())));
        for (PendingRead read; batch.size() < MAX_BATCH && (read = waiting.poll()) != null; ) {
            waitingCount.decrementAndGet();
            batch.add(read);
        }
        return batch;
    }

    /** Connects on demand; a Redis that cannot be reached fails the batch like any other Redis failure. */
    private Connection connection() {
        if (closed) {
            throw new JedisException("the Redis reads are closed");
        }
        if (connection == null) {
            connection = new Connection(address, config);
        }
        return connection;
    }

    private void dropBrokenConnection() {
        if (connection != null && (connection.isBroken() || !connection.isConnected() || closed)) {
            connection.close();
            connection = null;
        }
    }

    /**
     * Closes the connection once no batch is out. Reads waiting then fail as store-down (their sender
     * finds the reads closed), so a killed node's requests end rather than hang.
     */
    @Override
    public void close() {
        closed = true;
        sending.lock();
        try {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        } finally {
            sending.unlock();
        }
        wakeNextSender();
    }
}
