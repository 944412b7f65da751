package statelab.lb;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.component.ContainerLifeCycle;

/**
 * Opens the balancer's connections to its backends with Jetty's {@link ClientConnector} (one selector
 * thread; connect timeout {@link #CONNECT_TIMEOUT}, idle timeout {@link #IDLE_TIMEOUT}) and makes each an
 * {@link UpstreamConnection} of the pool that asked. Started and stopped with the balancer's server,
 * whose bean it is; stopping closes every connection.
 */
final class UpstreamConnector extends ContainerLifeCycle implements UpstreamPool.Dialer {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final String POOL_KEY = UpstreamPool.class.getName();

    private final ClientConnector connector = new ClientConnector();
    private final LoadBalancerStats stats;

    UpstreamConnector(Executor executor, LoadBalancerStats stats) {
        this.stats = stats;
        connector.setExecutor(executor);
        connector.setSelectors(1);
        connector.setConnectTimeout(CONNECT_TIMEOUT);
        connector.setIdleTimeout(IDLE_TIMEOUT);
        addBean(connector);
    }

    /** The pool of connections to {@code backend}, made on first use and kept on the backend. */
    UpstreamPool poolFor(Backend backend) {
        return backend.upstreams(uri -> new UpstreamPool(uri, this));
    }

    @Override
    public void dial(UpstreamPool pool, Promise<UpstreamConnection> connected) {
        URI uri = pool.backend();
        stats.countBackendConnection();
        Map<String, Object> context = new HashMap<>();
        context.put(Transport.CONTEXT_KEY, Transport.TCP_IP);
        context.put(ClientConnectionFactory.CONTEXT_KEY, (ClientConnectionFactory) this::newConnection);
        context.put(ClientConnector.CONNECTION_PROMISE_CONTEXT_KEY, Promise.<Connection>from(
                c -> connected.succeeded((UpstreamConnection) c), connected::failed));
        context.put(POOL_KEY, pool);
        connector.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), context);
    }

    private Connection newConnection(EndPoint endPoint, Map<String, Object> context) {
        UpstreamPool pool = (UpstreamPool) context.get(POOL_KEY);
        return new UpstreamConnection(endPoint, connector.getExecutor(), connector.getByteBufferPool(), pool);
    }
}
