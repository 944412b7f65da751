package statelab.lab;

import java.net.URI;
import org.eclipse.jetty.util.thread.ThreadPool;
import statelab.node.AppNode;
import statelab.node.SessionCookies;
import statelab.session.UserDirectory;

/**
 * Runs each node as a Jetty server inside the lab's own JVM, on the lab's shared thread pool. A kill
 * stops that server and drops its strategy's memory, which is what a crash does to a process.
 */
final class InProcessNodeLauncher implements NodeLauncher {
    private final SessionStrategies strategies;
    private final UserDirectory users;
    private final SessionCookies cookies;
    private final ThreadPool threadPool;
    /** Where nodes listen: loopback in the lab, any address for a node on a host of its own. */
    private String host = "127.0.0.1";

    InProcessNodeLauncher(SessionStrategies strategies, UserDirectory users, SessionCookies cookies, ThreadPool threadPool) {
        this.strategies = strategies;
        this.users = users;
        this.cookies = cookies;
        this.threadPool = threadPool;
    }

    /** Nodes launched from now on listen on this address. */
    InProcessNodeLauncher listenOn(String address) {
        this.host = address;
        return this;
    }

    @Override
    public RunningNode launch(String id, ClusterKind kind, int port) throws Exception {
        AppNode node = new AppNode(id, port, strategies.forNode(kind), users, cookies,
                strategies.throttleForNode(), threadPool, strategies.storesForNode(id)).listenOn(host).start();
        return new InProcessNode(node);
    }

    private record InProcessNode(AppNode node) implements RunningNode {
        @Override
        public URI uri() {
            return node.uri();
        }

        @Override
        public long pid() {
            return 0;
        }

        @Override
        public boolean running() {
            return node.running();
        }

        @Override
        public int sessionsHeld() {
            return node.running() ? node.sessionsHeld() : 0;
        }

        @Override
        public void kill() {
            node.kill();
        }
    }
}
