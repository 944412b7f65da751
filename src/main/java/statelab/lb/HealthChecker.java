package statelab.lb;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;

/**
 * Active health checks: every {@code interval}, a {@code GET /health} to each backend. A 200 within
 * the timeout marks it healthy; anything else (refused, timed out, any other status) marks it down.
 * Checks run asynchronously, so a hanging backend never delays the others.
 */
final class HealthChecker implements AutoCloseable {
    private final BackendPool pool;
    private final HttpClient client;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> task;

    HealthChecker(BackendPool pool, HttpClient client, Duration interval) {
        this.pool = pool;
        this.client = client;
        this.interval = interval;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("lb-health").factory());
    }

    void start() {
        long millis = interval.toMillis();
        task = timer.scheduleWithFixedDelay(this::checkAll, 0, millis, TimeUnit.MILLISECONDS);
    }

    private void checkAll() {
        for (Backend backend : pool.all()) {
            client.newRequest(backend.uri().resolve("/health"))
                    .timeout(Math.max(100, interval.toMillis()), TimeUnit.MILLISECONDS)
                    .send((Result result) -> pool.setHealth(backend,
                            result.isSucceeded() && result.getResponse().getStatus() == 200));
        }
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
        timer.shutdownNow();
    }
}
