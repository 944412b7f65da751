package statelab.lab;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import statelab.lb.Balancer;

/**
 * One kind's cluster: a real load balancer in front of nodes S1..Sn, each a real server with its own
 * copy of the strategy, started by a {@link NodeLauncher}. Nodes can be killed (a crash), restarted
 * (a fresh process on the same id and port), added and drained; the balancer finds out as a real one
 * would, by its health checks and refused connections.
 *
 * <p>Changes hold a lock only while they change the slots; waiting for the balancer to see a node
 * happens after the lock is released, so readers ({@link #nodes()}, the page's state) never wait
 * seconds behind a restart.
 */
public final class Cluster implements AutoCloseable {
    /** How long a restart or an added node may take to be seen healthy by the balancer's own checks. */
    /** How many ports a new node tries when the one chosen was taken before it could bind. */
    private static final int FRESH_PORT_TRIES = 5;
    static final Duration REBIND_TIMEOUT = Duration.ofSeconds(3);
    static final Duration SEEN_TIMEOUT = Duration.ofSeconds(5);

    private final ClusterKind kind;
    private final NodeLauncher launcher;
    private final Balancer balancer;
    private final Consumer<LabEvent> events;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}; in id order. */
    private final Map<String, NodeSlot> slots = new LinkedHashMap<>();
    private int startCount;

    /** A node's place in the cluster: its id and port outlive the process that runs there. */
    private static final class NodeSlot {
        final String id;
        int port;
        RunningNode node;

        NodeSlot(String id) {
            this.id = id;
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + port);
        }

        boolean up() {
            return node != null && node.running();
        }
    }

    Cluster(ClusterKind kind, NodeLauncher launcher, Balancer balancer, Consumer<LabEvent> events) {
        this.kind = kind;
        this.launcher = launcher;
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
            startCount = nodes;
            List<NodeSlot> fresh = new ArrayList<>();
            List<java.util.concurrent.Future<RunningNode>> started = new ArrayList<>();
            try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < nodes; i++) {
                    NodeSlot slot = newSlot();
                    fresh.add(slot);
                    started.add(executor.submit(() -> launchOnFreshPort(slot)));
                }
            }
            for (int i = 0; i < nodes; i++) {
                NodeSlot slot = fresh.get(i);
                try {
                    slot.node = started.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
                slot.port = slot.node.uri().getPort();
                balancer.addBackend(slot.uri());
            }
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
        record Seen(String id, URI uri, RunningNode node) {
        }
        List<Seen> seen = new ArrayList<>();
        lock.lock();
        try {
            slots.values().forEach(s -> seen.add(new Seen(s.id, s.uri(), s.node)));
        } finally {
            lock.unlock();
        }
        List<NodeView> views = new ArrayList<>();
        for (Seen s : seen) {
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
            NodeSlot slot = slot(id);
            if (slot.node == null) {
                return false;
            }
            slot.node.kill();
            slot.node = null;
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
            NodeSlot slot = slot(id);
            if (slot.node != null) {
                slot.node.kill();
                slot.node = null;
            }
            launch(slot);
            uri = slot.uri();
        } finally {
            lock.unlock();
        }
        events.accept(LabEvent.of("node-restarted", kind.key(), id + " started again with empty memory"));
        awaitSeen(id, uri);
    }

    /** Adds a node Sn+1, puts it behind the balancer and waits until the balancer sees it; answers its id. */
    public String addNode() throws Exception {
        NodeSlot slot;
        lock.lock();
        try {
            slot = newSlot();
            try {
                launch(slot, launchOnFreshPort(slot));
            } catch (Exception e) {
                slots.remove(slot.id);
                throw e;
            }
        } finally {
            lock.unlock();
        }
        events.accept(LabEvent.of("node-added", kind.key(), slot.id + " joined the cluster"));
        awaitSeen(slot.id, slot.uri());
        return slot.id;
    }

    /**
     * Takes the node out of the balancer's rotation; requests it is serving finish. The node keeps
     * running (a drained node can be restarted, which puts it back). Answers when the balancer has let it go.
     */
    public java.util.concurrent.CompletableFuture<Void> drain(String id) {
        URI uri;
        lock.lock();
        try {
            uri = slot(id).uri();
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
            List<NodeSlot> all = new ArrayList<>(slots.values());
            for (int i = 0; i < all.size(); i++) {
                NodeSlot slot = all.get(i);
                if (slot.node != null) {
                    slot.node.kill();
                    slot.node = null;
                }
                if (i >= startCount) {
                    balancer.removeBackend(slot.uri());
                    slots.remove(slot.id);
                } else {
                    launch(slot);
                    fresh.put(slot.id, slot.uri());
                }
            }
        } finally {
            lock.unlock();
        }
        for (Map.Entry<String, URI> node : fresh.entrySet()) {
            awaitSeen(node.getKey(), node.getValue());
        }
        balancer.resetPolicy();
    }

    private NodeSlot newSlot() {
        NodeSlot slot = new NodeSlot("S" + (slots.size() + 1));
        slot.port = NodePorts.choose();
        slots.put(slot.id, slot);
        return slot;
    }

    /** Called with the lock held: starts the slot's node and makes sure the balancer has it. */
    private void launch(NodeSlot slot) throws Exception {
        launch(slot, launchOnItsPort(slot));
    }

    private void launch(NodeSlot slot, RunningNode node) {
        slot.port = node.uri().getPort();
        slot.node = node;
        balancer.addBackend(slot.uri());
    }

    /**
     * A restarted node takes its old port back. The crashed node's half-closed connections (a
     * balancer that keeps idle connections, as HAProxy does, closes its side late) can hold that
     * port for a moment, so a refused bind is tried again for up to {@link #REBIND_TIMEOUT}.
     */
    private RunningNode launchOnItsPort(NodeSlot slot) throws Exception {
        long deadline = System.nanoTime() + REBIND_TIMEOUT.toNanos();
        while (true) {
            try {
                return launcher.launch(slot.id, kind, slot.port);
            } catch (java.io.IOException e) {
                if (!bindRefused(e) || slot.port == 0 || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    /**
     * A new node may take any port. The one chosen was free a moment before, but another program (a
     * second lab on the same machine, choosing from the same range) can bind it first: then the node
     * takes another port rather than failing the lab's start.
     */
    private RunningNode launchOnFreshPort(NodeSlot slot) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return launcher.launch(slot.id, kind, slot.port);
            } catch (java.io.IOException e) {
                if (!bindRefused(e) || slot.port == 0 || attempt >= FRESH_PORT_TRIES) {
                    throw e;
                }
                slot.port = NodePorts.choose();
            }
        }
    }

    private static boolean bindRefused(java.io.IOException e) {
        return e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException;
    }

    private void awaitSeen(String id, URI uri) throws InterruptedException {
        if (!balancer.awaitHealth(uri, true, SEEN_TIMEOUT)) {
            throw new NodeNotSeenException(kind.key(), id, SEEN_TIMEOUT);
        }
    }

    private NodeSlot slot(String id) {
        NodeSlot slot = slots.get(id);
        if (slot == null) {
            throw new UnknownNodeException(id);
        }
        return slot;
    }

    private void reportHealth(URI backend, boolean healthy) {
        String id = backend.toString();
        lock.lock();
        try {
            for (NodeSlot slot : slots.values()) {
                if (slot.port == backend.getPort()) {
                    id = slot.id;
                }
            }
        } finally {
            lock.unlock();
        }
        events.accept(LabEvent.of(healthy ? "node-up" : "node-down", kind.key(),
                "the load balancer sees " + id + (healthy ? " healthy again" : " as down")));
    }

    @Override
    public void close() {
        balancer.close();
        lock.lock();
        try {
            for (NodeSlot slot : slots.values()) {
                if (slot.node != null) {
                    slot.node.kill();
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
