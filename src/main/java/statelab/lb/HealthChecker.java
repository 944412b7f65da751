package statelab.lb;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;

/**
 * Active health checks: every {@code interval}, a {@code GET /health} to each backend, asynchronously,
 * so a hanging backend never delays the others. A refused connection is proof the server is gone and
 * marks it down at once; a slow or odd answer marks it down only after {@link #FALL} in a row (as
 * HAProxy's {@code fall}), so a busy machine does not flap healthy nodes; one good answer brings a
 * node back, unless the node was marked down after that check was sent.
 */
final class HealthChecker implements AutoCloseable {
    /** Consecutive failed checks, other than refused connections, before a backend is marked down. */
    static final int FALL = 3;
    /** How long a check may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final BackendPool pool;
    private final HttpClient client;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    private final Map<Backend, AtomicInteger> failures = new ConcurrentHashMap<>();
    private ScheduledFuture<?> task;
    private final java.util.concurrent.atomic.AtomicLong staleAnswers = new java.util.concurrent.atomic.AtomicLong();

    HealthChecker(BackendPool pool, HttpClient client, Duration interval) {
        this.pool = pool;
        this.client = client;
        this.interval = interval;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lb-health").factory());
    }

    /**
     * The checks' own HTTP client, on the lab's pool (not started: its owner starts it). Every listener only
     * records a result, so the client's selector runs them itself rather than waking a pool thread.
     */
    static HttpClient newClient(org.eclipse.jetty.util.thread.ThreadPool threadPool) {
        org.eclipse.jetty.io.ClientConnector connector = new org.eclipse.jetty.io.ClientConnector();
        connector.setExecutor(threadPool);
        connector.setSelectors(1);
        connector.setConnectTimeout(TIMEOUT);
        org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP transport =
                new org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP(connector);
        transport.setInvocationType(org.eclipse.jetty.util.thread.Invocable.InvocationType.NON_BLOCKING);
        HttpClient client = new HttpClient(transport);
        client.setExecutor(threadPool);
        client.setUserAgentField(null);
        return client;
    }

    void start() {
        long millis = interval.toMillis();
        task = timer.scheduleWithFixedDelay(this::checkAll, 0, millis, TimeUnit.MILLISECONDS);
    }

    void checkAll() {
        for (Backend backend : pool.all()) {
            long downMarksWhenSent = backend.downMarks();
            client.newRequest(backend.uri().resolve("/health"))
                    .timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .send(result -> record(backend, downMarksWhenSent, result));
        }
    }

    private void record(Backend backend, long downMarksWhenSent, Result result) {
        AtomicInteger streak = failures.computeIfAbsent(backend, b -> new AtomicInteger());
        if (result.isSucceeded() && result.getResponse().getStatus() == 200) {
            if (backend.downMarks() != downMarksWhenSent) {
                staleAnswers.incrementAndGet(); // marked down while this check was out: the answer may predate the crash
                return;
            }
            streak.set(0);
            pool.setHealth(backend, true);
        } else if (refused(result.getFailure()) || streak.incrementAndGet() >= FALL) {
            pool.setHealth(backend, false);
        }
    }

    /** Good answers ignored because the backend was marked down after their check was sent. */
    long staleAnswers() {
        return staleAnswers.get();
    }

    private static boolean refused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
        timer.shutdownNow();
    }
}
