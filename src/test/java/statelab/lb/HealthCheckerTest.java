package statelab.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The health checker against a real HTTP server whose first check answer is held back. */
class HealthCheckerTest {
    private final CountDownLatch firstCheckArrived = new CountDownLatch(1);
    private final CountDownLatch releaseFirstCheck = new CountDownLatch(1);
    private final AtomicInteger checks = new AtomicInteger();
    private HttpServer server;
    private HttpClient client;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/health", exchange -> {
            if (checks.incrementAndGet() == 1) {
                firstCheckArrived.countDown();
                try {
                    releaseFirstCheck.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        client = new HttpClient();
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        releaseFirstCheck.countDown();
        client.stop();
        server.stop(0);
    }

    @Test
    void a_good_answer_to_a_check_sent_before_the_backend_was_marked_down_does_not_bring_it_back() throws Exception {
        BackendPool pool = new BackendPool();
        Backend backend = pool.add(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        try (HealthChecker checker = new HealthChecker(pool, client, Duration.ofHours(1))) {
            checker.checkAll();
            assertThat(firstCheckArrived.await(10, TimeUnit.SECONDS)).isTrue();

            pool.setHealth(backend, false); // as the proxy does on a refused connection
            releaseFirstCheck.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> checker.staleAnswers() == 1);

            assertThat(backend.healthy()).isFalse();
        }
    }

    @Test
    void a_good_answer_to_a_check_sent_after_the_mark_down_brings_the_backend_back() throws Exception {
        BackendPool pool = new BackendPool();
        Backend backend = pool.add(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        releaseFirstCheck.countDown();
        pool.setHealth(backend, false);
        try (HealthChecker checker = new HealthChecker(pool, client, Duration.ofHours(1))) {
            checker.checkAll();

            await().atMost(Duration.ofSeconds(10)).until(backend::healthy);
            assertThat(checker.staleAnswers()).isZero();
        }
    }
}
