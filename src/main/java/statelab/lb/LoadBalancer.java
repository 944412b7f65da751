package statelab.lb;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.ThreadPool;
import statelab.problem.ProblemErrorHandler;

/**
 * A real HTTP load balancer on its own loopback port: a Jetty server whose {@link ForwardingHandler}
 * sends each request to a backend chosen by a {@link BalancingPolicy}, over pooled keep-alive
 * connections of its own ({@link UpstreamPool}), with active health checks and retry of requests
 * that never reached a server. It knows its backends only as URIs.
 */
public final class LoadBalancer implements Balancer {
    /** This balancer's {@link #kind()}. */
    public static final String KIND = "statelab";

    /** How often backends are health-checked. */
    public static final Duration HEALTH_INTERVAL = Duration.ofMillis(250);

    /**
     * Connections the kernel may hold before the balancer accepts them; Java's default of 50 dropped
     * SYNs when many clients connected at once (each then waited a second for the kernel's retry).
     * The kernel caps it at {@code net.core.somaxconn}.
     */
    static final int ACCEPT_QUEUE = 1024;
    private final BackendPool pool = new BackendPool();
    private final BalancingPolicy policy;
    private final LoadBalancerStats stats = new LoadBalancerStats();
    private final Server server;
    private final ServerConnector connector;
    private final HttpClient healthClient;
    private HealthChecker health;

    /**
     * @param policyFactory makes the policy from the pool (sticky needs it to read its cookie)
     * @param threadPool    a started pool shared by the lab's servers; the balancer does not stop it
     */
    public LoadBalancer(Function<BackendPool, BalancingPolicy> policyFactory, int port, ThreadPool threadPool) {
        this(policyFactory, port, threadPool, null);
    }

    /**
     * @param tls when not null, the balancer answers HTTPS only, with this key store (TLS ends here;
     *            backends are still spoken to in plain HTTP on loopback, as behind a real terminating proxy)
     */
    public LoadBalancer(Function<BackendPool, BalancingPolicy> policyFactory, int port, ThreadPool threadPool,
                        TlsEndpoint tls) {
        this.policy = policyFactory.apply(pool);
        this.server = new Server(new InlineResumeThreadPool(threadPool));
        this.connector = tls == null ? new ServerConnector(server, 0, 1) : tls.connector(server);
        connector.setHost("127.0.0.1");
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        connector.getConnectionFactories().stream().filter(HttpConnectionFactory.class::isInstance)
                .map(f -> ((HttpConnectionFactory) f).getHttpConfiguration()).forEach(LoadBalancer::configure);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new ForwardingHandler(pool, policy, stats, new UpstreamConnector(threadPool, stats)));
        this.healthClient = HealthChecker.newClient(threadPool);
        server.addBean(healthClient);
        server.setErrorHandler(new ProblemErrorHandler());
        server.setStopTimeout(0);
    }

    /** The listening connector, for this package's tests (to stop accepting and see what the kernel holds). */
    ServerConnector connector() {
        return connector;
    }

    private static void configure(HttpConfiguration http) {
        // No "Server: Jetty(version)" on the balancer's own answers (the TLS connector shares this configuration).
        http.setSendServerVersion(false);
        // No cache of a connection's header lines. Jetty's cache matched case-insensitively and handed back the
        // line it had seen before, so a Cookie differing from the last one only in letter case was forwarded as
        // the earlier one; made case-sensitive, it must copy and compare every line it finds, and then cost more
        // per request than parsing the lines afresh (BENCHMARKS, round 6). Case-sensitive still, should it return.
        http.setHeaderCacheSize(0);
        http.setHeaderCacheCaseSensitive(true);
    }

    /**
     * Listens on this address instead of loopback, such as {@code 0.0.0.0} on a balancer host of its
     * own (statelab lb); call before {@link #start()}.
     */
    public LoadBalancer listenOn(String host) {
        connector.setHost(host);
        return this;
    }

    @Override
    public LoadBalancer start() throws Exception {
        server.start();
        health = new HealthChecker(pool, healthClient, HEALTH_INTERVAL);
        health.start();
        return this;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void addBackend(URI uri) {
        pool.add(uri);
    }

    @Override
    public CompletableFuture<Void> drain(URI backend) {
        return pool.drain(backend);
    }

    @Override
    public void removeBackend(URI backend) {
        pool.remove(backend);
    }

    @Override
    public List<BackendStatus> backends() {
        return pool.all().stream().map(Backend::status).toList();
    }

    @Override
    public int healthyCount() {
        return pool.healthy().size();
    }

    @Override
    public void onHealthChange(HealthListener listener) {
        pool.onHealthChange(b -> listener.changed(b.uri(), b.healthy()));
    }

    @Override
    public boolean awaitHealth(URI backend, boolean healthy, Duration timeout) throws InterruptedException {
        return pool.awaitHealth(backend, healthy, timeout);
    }

    @Override
    public void resetPolicy() {
        policy.reset();
    }

    @Override
    public String policyId() {
        return policy.id();
    }

    @Override
    public LoadBalancerStats stats() {
        return stats;
    }

    @Override
    public URI uri() {
        boolean secure = connector.getDefaultConnectionFactory() instanceof org.eclipse.jetty.server.SslConnectionFactory;
        return URI.create((secure ? "https" : "http") + "://" + connector.getHost() + ":" + connector.getLocalPort());
    }

    @Override
    public void close() {
        if (health != null) {
            health.close();
        }
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping is best effort at exit; nothing useful can be done with the failure.
        }
    }
}
