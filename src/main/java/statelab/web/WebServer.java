package statelab.web;

import statelab.problem.ProblemException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import statelab.lab.Lab;
import statelab.lab.LabEvent;
import statelab.node.OriginPolicy;
import statelab.problem.ProblemErrorHandler;

/**
 * The page's server on 127.0.0.1: the lesson's static files from the jar and the lab's JSON API
 * with its event stream (docs/API.md). Handlers block (lab actions, the event stream), so they run
 * on virtual threads. Once listening it measures Redis against JWT in the background, so the page
 * has figures without anyone asking. {@link #close()} stops the server and what it started, not the lab.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private final Lab lab;
    private final Server server;
    private final ServerConnector connector;
    private final LabState state;
    private final LabActions actions;
    private final EventStream events;
    private final RedisKeyCount keys;
    private final CompareMeasurement compare;
    private final Thread firstMeasurement;

    private WebServer(Lab lab, int port, Collection<String> publicHosts) {
        this.lab = lab;
        QueuedThreadPool threads = new QueuedThreadPool(64, 2);
        threads.setName("web");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        this.server = new Server(threads);
        this.connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        HttpConfiguration http = connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
        http.setSendServerVersion(false);
        // Header lines are compared byte for byte (Jetty's cache of them otherwise ignores letter case; see AppNode).
        http.setHeaderCacheCaseSensitive(true);
        connector.setPort(port);
        server.addConnector(connector);
        this.events = new EventStream(KEEP_ALIVE);
        this.state = new LabState(events::changed);
        this.actions = new LabActions(lab, state, events::changed);
        this.keys = new RedisKeyCount(lab);
        this.compare = new CompareMeasurement(lab, actions, events, keys, CompareMeasurement.REQUESTS);
        StateJson json = new StateJson(lab, state, actions, keys);
        events.start(() -> json.document().toString());
        OriginPolicy origins = OriginPolicy.servedOn(publicHosts);
        ApiRoutes api = new ApiRoutes(lab, json, actions, events, compare, new RevocationDemo(lab, actions, events, keys), origins,
                new StateLabRuns(lab, actions, events));
        server.setHandler(new SecurityHeaders(new PageHosts(origins, new Handler.Sequence(api, new StaticFiles("web")))));
        server.setErrorHandler(new ProblemErrorHandler());
        this.firstMeasurement = Thread.ofVirtual().name("first-measurement").unstarted(this::measureOnce);
    }

    /** Serves on the port (0 picks a free one), on 127.0.0.1 only, to the loopback host names. */
    public static WebServer start(Lab lab, int port) throws Exception {
        return start(lab, port, List.of());
    }

    /**
     * Serves on the port (0 picks a free one), on 127.0.0.1 only; requests must name a loopback host
     * or one of {@code publicHosts} ({@code name} or {@code name:port}, for a page reached through a
     * proxy or tunnel under another name). Any other {@code Host} is refused (DNS rebinding).
     */
    public static WebServer start(Lab lab, int port, Collection<String> publicHosts) throws Exception {
        WebServer web = new WebServer(lab, port, publicHosts);
        lab.addListener(web.state);
        try {
            web.server.start();
        } catch (Exception e) {
            web.close();
            throw e;
        }
        web.firstMeasurement.start();
        return web;
    }

    public URI uri() {
        return URI.create("http://localhost:" + connector.getLocalPort() + "/");
    }

    private void measureOnce() {
        try {
            compare.runFirst();
        } catch (ProblemException e) {
            lab.publish(LabEvent.of("error", null, "the first Redis-vs-JWT measurement failed: " + e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("the first Redis-vs-JWT measurement failed", e);
        }
    }

    @Override
    public void close() {
        lab.removeListener(state);
        firstMeasurement.interrupt();
        events.close();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("the page's server did not stop cleanly", e);
        }
        actions.close();
    }
}
