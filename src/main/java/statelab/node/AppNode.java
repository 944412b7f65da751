package statelab.node;

import java.net.URI;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.ThreadPool;
import statelab.problem.ProblemErrorHandler;
import statelab.session.LoginThrottle;
import statelab.session.PasswordChecks;
import statelab.session.SessionStrategy;
import statelab.session.UserDirectory;

/**
 * One app server (S1, S2, ...): a real Jetty server on a loopback port serving the node API with
 * one session strategy and one login throttle. {@link #kill()} is a crash, not a shutdown: the port closes at once,
 * connections in flight are cut, and the strategy's memory is dropped. A node is not restarted in
 * place; the lab starts a fresh one on the same id and port.
 */
public final class AppNode implements AutoCloseable {
    private final String id;
    private final SessionStrategy sessions;
    private final NodeStores stores;
    private final Server server;
    /**
     * Connections the kernel may hold for the node before it accepts them. Java's default is 50: a burst
     * of new connections larger than that while the acceptor is busy (128 bench users starting together
     * on two cores) had SYNs dropped, and each such client waited a full second for the kernel to retry.
     * Still a bound: the kernel caps it at {@code net.core.somaxconn}.
     */
    static final int ACCEPT_QUEUE = 1024;
    private final ServerConnector connector;
    private final PasswordChecks passwords;

    /**
     * @param port       the port to listen on; 0 picks a free one
     * @param threadPool a started pool shared by the lab's servers; the node does not stop it
     * @param stores     the node's shared-store connection and own directory; closed (the directory
     *                   deleted) when the node is killed
     */
    public AppNode(String id, int port, SessionStrategy sessions, UserDirectory users,
                   SessionCookies cookies, LoginThrottle throttle, ThreadPool threadPool, NodeStores stores) {
        this.id = id;
        this.sessions = sessions;
        this.stores = stores;
        this.server = new Server(threadPool);
        this.connector = new ServerConnector(server, 0, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        connector.setReuseAddress(true);
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        // No "Server: Jetty(version)": nothing to look a version's flaws up with.
        HttpConfiguration http = connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
        http.setSendServerVersion(false);
        // Jetty's cache of a connection's header lines matches case-insensitively by default and then returns the
        // line it saw before: a Cookie differing only in letter case (a tampered token) was read as the genuine one.
        http.setHeaderCacheCaseSensitive(true);
        server.addConnector(connector);
        this.passwords = new PasswordChecks(users, id);
        server.setHandler(new NodeHandler(id, sessions, passwords, cookies, throttle, stores));
        server.setStopTimeout(0);
        server.setStopAtShutdown(false);
        server.setErrorHandler(new ProblemErrorHandler());
    }

    /** Listens on this address instead of loopback (a node on a host of its own); call before {@link #start()}. */
    public AppNode listenOn(String host) {
        connector.setHost(host);
        return this;
    }

    /** Starts listening; throws when the port cannot be bound. */
    public AppNode start() throws Exception {
        server.start();
        return this;
    }

    public String id() {
        return id;
    }

    /** The listening connector, for this package's tests (to stop accepting and see what the kernel holds). */
    ServerConnector connector() {
        return connector;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI uri() {
        String host = connector.getHost();
        // Bound to every interface: the node's own machine reaches it on loopback.
        return URI.create("http://" + (host == null || host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port());
    }

    public boolean running() {
        return server.isRunning();
    }

    /** The node's own directory (the uploads lab's local disk); gone once the node is killed. */
    public java.nio.file.Path directory() {
        return stores.directory();
    }

    public int sessionsHeld() {
        return sessions.sessionsHeldLocally();
    }

    /** Crashes the node: closes the port and every connection at once, and drops its memory. */
    public void kill() {
        try {
            server.stop();
        } catch (Exception e) {
            // A crash cannot fail; whatever stop() complained about, the node is gone.
        } finally {
            passwords.close();
            try {
                sessions.close();
            } finally {
                stores.close();
            }
        }
    }

    @Override
    public void close() {
        kill();
    }
}
