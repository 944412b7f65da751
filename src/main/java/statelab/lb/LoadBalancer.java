package statelab.lb;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.ThreadPool;
import statelab.problem.ProblemErrorHandler;

/**
 * A real HTTP load balancer on its own loopback port: Jetty's proxy forwarding each request to a
 * backend chosen by a {@link BalancingPolicy}, with active health checks and retry of requests
 * that never reached a server. It knows its backends only as URIs.
 */
public final class LoadBalancer implements AutoCloseable {
    /** How often backends are health-checked. */
    public static final Duration HEALTH_INTERVAL = Duration.ofMillis(250);

    private final BackendPool pool = new BackendPool();
    private final BalancingPolicy policy;
    private final LoadBalancerStats stats = new LoadBalancerStats();
    private final Server server;
    private final ServerConnector connector;
    private final BalancingProxyHandler proxy;
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
        this.server = new Server(threadPool);
        this.connector = tls == null ? new ServerConnector(server, 0, 1) : tls.connector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        this.proxy = new BalancingProxyHandler(pool, policy, threadPool, stats);
        server.setHandler(proxy);
        server.setErrorHandler(new ProblemErrorHandler());
        server.setStopTimeout(0);
    }

    public LoadBalancer start() throws Exception {
        server.start();
        // The proxy's client exists once the proxy has started; health checks share its connections' executor.
        health = new HealthChecker(pool, proxy.getHttpClient(), HEALTH_INTERVAL);
        health.start();
        return this;
    }

    /** Adds a backend by URI; it is believed healthy until a check or a refused connection says otherwise. */
    public Backend addBackend(URI uri) {
        return pool.add(uri);
    }

    public List<Backend> backends() {
        return pool.all();
    }

    public BackendPool pool() {
        return pool;
    }

    /** Forgets the policy's position (round-robin starts again at the first backend). */
    public void resetPolicy() {
        policy.reset();
    }

    public String policyId() {
        return policy.id();
    }

    public LoadBalancerStats stats() {
        return stats;
    }

    public URI uri() {
        boolean secure = connector.getDefaultConnectionFactory() instanceof org.eclipse.jetty.server.SslConnectionFactory;
        return URI.create((secure ? "https" : "http") + "://127.0.0.1:" + connector.getLocalPort());
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
