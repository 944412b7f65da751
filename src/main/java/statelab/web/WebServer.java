package statelab.web;

import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.ResourceFactory;
import statelab.lab.Lab;
import statelab.problem.ProblemErrorHandler;

/** The page's server: the lesson's static files from the jar and the lab's JSON API (docs/API.md). */
public final class WebServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    private WebServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Serves on the port (0 picks a free one), on every interface's loopback only. */
    public static WebServer start(Lab lab, int port) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(server).newClassLoaderResource("web/"));
        files.setWelcomeFiles("index.html");
        server.setHandler(files);
        server.setErrorHandler(new ProblemErrorHandler());
        server.start();
        return new WebServer(server, connector);
    }

    public URI uri() {
        return URI.create("http://localhost:" + connector.getLocalPort() + "/");
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping at exit is best effort.
        }
    }
}
