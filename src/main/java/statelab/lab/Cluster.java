package statelab.lab;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import statelab.lb.Balancer;

/**
 * One kind's cluster: a real load balancer in front of nodes S1..Sn, each a real server with its own
 * copy of the strategy, started by a {@link NodeLauncher} in one of the cluster's {@link NodeSlots}.
 * Nodes can be killed (a crash), restarted (a fresh process on the same id and port), added and
 * drained; the balancer finds out as a real one would, by its health checks and refused connections.
 * An id the cluster has no node for is an {@link UnknownNodeException}.
 *
 * <p>Changes hold a lock only while they change the slots; waiting for the balancer to see a node
 * happens after the lock is released, so readers ({@link #nodes()}, the page's state) never wait
 * seconds behind a restart.
 */
public final class Cluster implements AutoCloseable {
    /** How long a restart or an added node may take to be seen healthy by the balancer's own checks. */
    static final Duration SEEN_TIMEOUT = Duration.ofSeconds(5);

    private final ClusterKind kind;
    private final Balancer balancer;
    private final Consumer<LabEvent> events;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. */
    private final NodeSlots slots;

    Cluster(ClusterKind kind, NodeLauncher launcher, Balancer balancer, Consumer<LabEvent> events) {
        this.kind = kind;
        this.slots = new NodeSlots(kind, launcher);
        this.balancer = balancer;
        this.events = events;
        balancer.onHealthChange(this::reportHealth);
    }

    /**
     * Starts {@code nodes} nodes at once (a node process takes a moment to start), then puts them
     * behind the balancer in id order, then starts the balancer.
     */
    Cluster start(int nodes) throws Exception {
        lock.lock();
        try {
            slots.start(nodes).forEach(balancer::addBackend);
        } finally {
            lock.unlock();
        }
        balancer.start();
        return this;
    }

    public Strategy strategy() {
        return Strategy.of(kind);
    }

    public ClusterKind kind() {
        return kind;
    }

    public URI lbUri() {
        return balancer.uri();
    }

    public Balancer balancer() {
        return balancer;
    }

    /** The nodes in id order, down ones included. */
    public List<NodeView> nodes() {
        List<NodeSlots.Occupant> seen;
        lock.lock();
        try {
            seen = slots.occupants();
        } finally {
            lock.unlock();
        }
        // Asked outside the lock: a slow answer from a node holds up no change to the cluster.
        List<NodeView> views = new ArrayList<>();
        for (NodeSlots.Occupant s : seen) {
            boolean up = s.node() != null && s.node().running();
            views.add(new NodeView(s.id(), s.uri(), up, balancer.healthy(s.uri()),
                    up ? s.node().sessionsHeld() : 0, up ? s.node().pid() : 0));
        }
        return views;
    }

    /** Crashes the node; answers false when it was already down. */
    public boolean kill(String id) {
        return stop(id, "node-killed", " crashed: its port is closed and its memory is gone");
    }

    /** Ends the slot's node at once and, when one was up, tells the listeners; answers whether one was. */
    private boolean stop(String id, String eventType, String what) {
        lock.lock();
        try {
            if (!slots.stop(id)) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        events.accept(LabEvent.of(eventType, kind.key(), id + what));
        return true;
    }

    /**
     * Starts a fresh node on the id's port (crashing the old one first if it is up) and waits, outside
     * any lock, until the balancer sees it healthy.
     *
     * @throws NodeNotSeenException when the node started but the balancer did not see it healthy in time
     */
    public void restart(String id) throws Exception {
        URI uri;
        lock.lock();
        try {
            uri = slots.restart(id);
            balancer.addBackend(uri);
        } finally {
            lock.unlock();
        }
        events.accept(LabEvent.of("node-restarted", kind.key(), id + " started again with empty memory"));
        awaitSeen(id, uri);
    }

    /** Adds a node Sn+1, puts it behind the balancer and waits until the balancer sees it; answers its id. */
    public String addNode() throws Exception {
        String id;
        URI uri;
        lock.lock();
        try {
            id = slots.add();
            uri = slots.uri(id);
            balancer.addBackend(uri);
        } finally {
            lock.unlock();
        }
        events.accept(LabEvent.of("node-added", kind.key(), id + " joined the cluster"));
        awaitSeen(id, uri);
        return id;
    }

    /**
     * Takes the node out of the balancer's rotation; requests it is serving finish. The node keeps
     * running (a drained node can be restarted, which puts it back). Answers when the balancer has let it go.
     */
    public CompletableFuture<Void> drain(String id) {
        URI uri;
        lock.lock();
        try {
            uri = slots.uri(id);
        } finally {
            lock.unlock();
        }
        events.accept(LabEvent.of("node-draining", kind.key(), id + " takes no new requests; those in flight finish"));
        return balancer.drain(uri);
    }

    /**
     * Stops a node the balancer has let go of ({@link #drain}): nothing is in flight to it any more, so
     * stopping it loses no request, only its memory. Answers false when it was already down.
     */
    public boolean stopDrained(String id) {
        return stop(id, "node-stopped", " stopped once drained: no request was cut off, its memory is gone");
    }

    /**
     * Back to exactly the start: the nodes it started with, fresh and up (nodes added since are
     * stopped and removed from the balancer), and the balancer's policy forgotten (round-robin at S1).
     */
    void reset() throws Exception {
        Map<String, URI> fresh = new LinkedHashMap<>();
        lock.lock();
        try {
            for (String id : slots.startingIds()) {
                URI uri = slots.restart(id);
                balancer.addBackend(uri);
                fresh.put(id, uri);
            }
            slots.closeAdded().forEach(balancer::removeBackend);
        } finally {
            lock.unlock();
        }
        for (Map.Entry<String, URI> node : fresh.entrySet()) {
            awaitSeen(node.getKey(), node.getValue());
        }
        balancer.resetPolicy();
    }

    private void awaitSeen(String id, URI uri) throws InterruptedException {
        if (!balancer.awaitHealth(uri, true, SEEN_TIMEOUT)) {
            throw new NodeNotSeenException(kind.key(), id, SEEN_TIMEOUT);
        }
    }

    private void reportHealth(URI backend, boolean healthy) {
        String id;
        lock.lock();
        try {
            id = slots.idOf(backend);
        } finally {
            lock.unlock();
        }
        events.accept(LabEvent.of(healthy ? "node-up" : "node-down", kind.key(),
                "the load balancer sees " + (id == null ? backend.toString() : id) + (healthy ? " healthy again" : " as down")));
    }

    @Override
    public void close() {
        balancer.close();
        lock.lock();
        try {
            slots.stopAll();
        } finally {
            lock.unlock();
        }
    }
}
