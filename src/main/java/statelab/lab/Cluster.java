package statelab.lab;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.jetty.util.thread.ThreadPool;
import statelab.lb.Backend;
import statelab.lb.LoadBalancer;
import statelab.lb.RoundRobinPolicy;
import statelab.lb.StickyCookiePolicy;
import statelab.lb.TlsEndpoint;
import statelab.node.AppNode;
import statelab.node.SessionCookies;
import statelab.session.UserDirectory;

/**
 * One strategy's cluster: a real load balancer in front of nodes S1..Sn, each a real server with
 * its own copy of the strategy. Nodes can be killed (a crash), restarted (a fresh process on the
 * same id and port) and added; the balancer finds out as a real one would, by its health checks
 * and refused connections.
 */
public final class Cluster implements AutoCloseable {
    /** How long a restart waits for the balancer's own health check to see the node again. */
    static final Duration SEEN_TIMEOUT = Duration.ofSeconds(3);

    private final Strategy strategy;
    private final SessionStrategies strategies;
    private final UserDirectory users;
    private final SessionCookies cookies;
    private final ThreadPool threadPool;
    private final Consumer<LabEvent> events;
    private final LoadBalancer balancer;
    private final Map<String, NodeSlot> slots = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();

    /** A node's place in the cluster: its id and port outlive the process that runs there. */
    private static final class NodeSlot {
        final String id;
        int port;
        AppNode process;

        NodeSlot(String id) {
            this.id = id;
        }
    }

    /** @param tls the balancer's TLS key store, or null for plain HTTP */
    Cluster(Strategy strategy, SessionStrategies strategies, UserDirectory users, SessionCookies cookies,
            ThreadPool threadPool, Consumer<LabEvent> events, TlsEndpoint tls) {
        this.strategy = strategy;
        this.strategies = strategies;
        this.users = users;
        this.cookies = cookies;
        this.threadPool = threadPool;
        this.events = events;
        this.balancer = new LoadBalancer(pool -> strategy == Strategy.STICKY
                ? new StickyCookiePolicy(pool, tls != null) : new RoundRobinPolicy(), 0, threadPool, tls);
        balancer.pool().onHealthChange(this::reportHealth);
    }

    synchronized Cluster start(int nodes) throws Exception {
        for (int i = 0; i < nodes; i++) {
            startNode(newSlot());
        }
        balancer.start();
        return this;
    }

    public Strategy strategy() {
        return strategy;
    }

    public URI lbUri() {
        return balancer.uri();
    }

    public LoadBalancer balancer() {
        return balancer;
    }

    /** The nodes in id order, down ones included. */
    public synchronized List<NodeView> nodes() {
        List<NodeView> views = new ArrayList<>();
        for (String id : order) {
            NodeSlot slot = slots.get(id);
            URI uri = URI.create("http://127.0.0.1:" + slot.port);
            boolean up = slot.process != null && slot.process.running();
            boolean healthy = balancer.pool().byUri(uri).map(Backend::healthy).orElse(false);
            views.add(new NodeView(id, uri, up, healthy, up ? slot.process.sessionsHeld() : 0));
        }
        return views;
    }

    /** Crashes the node; answers false when it was already down. */
    public synchronized boolean kill(String id) {
        NodeSlot slot = slot(id);
        if (slot.process == null) {
            return false;
        }
        slot.process.kill();
        slot.process = null;
        events.accept(LabEvent.of("node-killed", strategy.key(), id + " crashed: its port is closed and its memory is gone"));
        return true;
    }

    /** Starts a fresh node on the id's port (killing the old one first if it is up). */
    public synchronized void restart(String id) throws Exception {
        NodeSlot slot = slot(id);
        if (slot.process != null) {
            kill(id);
        }
        startNode(slot);
        events.accept(LabEvent.of("node-restarted", strategy.key(), id + " started again with empty memory"));
        awaitSeen(slot, true);
    }

    /** Adds a node Sn+1 and puts it behind the balancer; answers its id. */
    public synchronized String addNode() throws Exception {
        NodeSlot slot = newSlot();
        startNode(slot);
        events.accept(LabEvent.of("node-added", strategy.key(), slot.id + " joined the cluster"));
        awaitSeen(slot, true);
        return slot.id;
    }

    /** Every node fresh and up, the balancer's round-robin back at S1. */
    synchronized void reset() throws Exception {
        for (String id : order) {
            NodeSlot slot = slots.get(id);
            if (slot.process != null) {
                slot.process.kill();
            }
            startNode(slot);
        }
        for (String id : order) {
            awaitSeen(slots.get(id), true);
        }
        balancer.resetPolicy();
    }

    private NodeSlot newSlot() {
        NodeSlot slot = new NodeSlot("S" + (order.size() + 1));
        slots.put(slot.id, slot);
        order.add(slot.id);
        return slot;
    }

    private void startNode(NodeSlot slot) throws Exception {
        AppNode node = new AppNode(slot.id, slot.port, strategies.forNode(strategy), users, cookies,
                strategies.throttleForNode(), threadPool).start();
        slot.port = node.port();
        slot.process = node;
        balancer.addBackend(node.uri());
    }

    private void awaitSeen(NodeSlot slot, boolean healthy) throws InterruptedException {
        balancer.pool().awaitHealth(URI.create("http://127.0.0.1:" + slot.port), healthy, SEEN_TIMEOUT);
    }

    private NodeSlot slot(String id) {
        NodeSlot slot = slots.get(id);
        if (slot == null) {
            throw new UnknownNodeException(id);
        }
        return slot;
    }

    private void reportHealth(Backend backend) {
        String id = slots.values().stream()
                .filter(s -> backend.uri().getPort() == s.port).map(s -> s.id).findFirst().orElse(backend.uri().toString());
        events.accept(LabEvent.of(backend.healthy() ? "node-up" : "node-down", strategy.key(),
                "the load balancer sees " + id + (backend.healthy() ? " healthy again" : " as down")));
    }

    @Override
    public synchronized void close() {
        balancer.close();
        for (NodeSlot slot : slots.values()) {
            if (slot.process != null) {
                slot.process.kill();
            }
        }
    }
}
