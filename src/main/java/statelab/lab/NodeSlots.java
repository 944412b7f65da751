package statelab.lab;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The numbered places S1..Sn of one cluster and which node runs in each. A slot's id and port outlive
 * the node running there: a restarted node takes its slot's port back, so the balancer (which knows
 * nodes only by URI) sees the same backend come back. Slots opened after {@link #start} are "added":
 * {@link #closeAdded()} ends them and frees their ids (the next added node is S4 again in a cluster
 * started with three).
 *
 * <p>Not thread-safe: its {@link Cluster} changes and reads it under the cluster's one lock. It knows
 * nothing of the balancer; callers put the URIs it answers behind the balancer themselves. An id no
 * slot has is an {@link UnknownNodeException}.
 */
final class NodeSlots {
    /** How many ports a new node tries when the one chosen was taken before it could bind. */
    static final int FRESH_PORT_TRIES = 5;
    /** How long a restarted node keeps trying to bind its old port (see {@link #launchOnItsPort}). */
    static final Duration REBIND_TIMEOUT = Duration.ofSeconds(3);

    private final ClusterKind kind;
    private final NodeLauncher launcher;
    /** In id order. */
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private int startCount;

    /** One slot as a reader sees it: {@code node} is null while the slot is down. */
    record Occupant(String id, URI uri, RunningNode node) {
    }

    /** A node's place: its id and port outlive the process that runs there. */
    private static final class Slot {
        final String id;
        int port;
        RunningNode node;

        Slot(String id, int port) {
            this.id = id;
            this.port = port;
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + port);
        }

        void kill() {
            if (node != null) {
                node.kill();
                node = null;
            }
        }
    }

    NodeSlots(ClusterKind kind, NodeLauncher launcher) {
        this.kind = kind;
        this.launcher = launcher;
    }

    /**
     * Opens {@code count} slots and starts a node in each at once (a node process takes a moment to
     * start); these are the slots a reset goes back to. Answers their URIs in id order.
     *
     * @throws Exception the first slot's failure, in id order, when a node did not start; the nodes that
     *                   did start stay in their slots, so {@link #stopAll()} still ends them
     */
    List<URI> start(int count) throws Exception {
        startCount = count;
        List<Slot> fresh = new ArrayList<>();
        List<Future<RunningNode>> started = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                Slot slot = open();
                fresh.add(slot);
                started.add(executor.submit(() -> launchOnFreshPort(slot)));
            }
        }
        Exception first = null;
        List<URI> uris = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                occupy(fresh.get(i), started.get(i).get());
                uris.add(fresh.get(i).uri());
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return uris;
    }

    /**
     * Opens the next slot and starts a node there; answers its id. When the node does not start the
     * slot is closed again, so its id is free for the next try.
     */
    String add() throws Exception {
        Slot slot = open();
        try {
            occupy(slot, launchOnFreshPort(slot));
        } catch (Exception e) {
            slots.remove(slot.id);
            throw e;
        }
        return slot.id;
    }

    /** Ends the slot's node if one is up and starts a fresh one on the slot's port; answers its URI. */
    URI restart(String id) throws Exception {
        Slot slot = slot(id);
        slot.kill();
        occupy(slot, launchOnItsPort(slot));
        return slot.uri();
    }

    /** Ends the slot's node at once (a crash); answers false when none was up. */
    boolean stop(String id) {
        Slot slot = slot(id);
        boolean wasUp = slot.node != null;
        slot.kill();
        return wasUp;
    }

    /** The URI the slot's node listens on (or last listened on, while it is down). */
    URI uri(String id) {
        return slot(id).uri();
    }

    /** The id of the slot listening on the backend's port, or null when no slot does. */
    String idOf(URI backend) {
        for (Slot slot : slots.values()) {
            if (slot.port == backend.getPort()) {
                return slot.id;
            }
        }
        return null;
    }

    /** Every slot now, in id order, down ones included. */
    List<Occupant> occupants() {
        List<Occupant> all = new ArrayList<>();
        slots.values().forEach(s -> all.add(new Occupant(s.id, s.uri(), s.node)));
        return all;
    }

    /** The ids of the slots {@link #start} opened, in id order: the ones a reset restarts. */
    List<String> startingIds() {
        return List.copyOf(new ArrayList<>(slots.keySet()).subList(0, Math.min(startCount, slots.size())));
    }

    /** Ends the nodes of the slots added since {@link #start} and closes those slots; answers their URIs. */
    List<URI> closeAdded() {
        List<Slot> added = new ArrayList<>(slots.values()).subList(Math.min(startCount, slots.size()), slots.size());
        List<URI> closed = new ArrayList<>();
        for (Slot slot : added) {
            slot.kill();
            slots.remove(slot.id);
            closed.add(slot.uri());
        }
        return closed;
    }

    /** Ends every slot's node; the slots stay (a closed cluster is not used again). */
    void stopAll() {
        slots.values().forEach(Slot::kill);
    }

    private Slot open() {
        Slot slot = new Slot("S" + (slots.size() + 1), NodePorts.choose());
        slots.put(slot.id, slot);
        return slot;
    }

    private static void occupy(Slot slot, RunningNode node) {
        slot.port = node.uri().getPort();
        slot.node = node;
    }

    /**
     * A restarted node takes its old port back. The crashed node's half-closed connections (a
     * balancer that keeps idle connections, as HAProxy does, closes its side late) can hold that
     * port for a moment, so a refused bind is tried again for up to {@link #REBIND_TIMEOUT}.
     */
    private RunningNode launchOnItsPort(Slot slot) throws Exception {
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
    private RunningNode launchOnFreshPort(Slot slot) throws Exception {
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

    private Slot slot(String id) {
        Slot slot = slots.get(id);
        if (slot == null) {
            throw new UnknownNodeException(id);
        }
        return slot;
    }
}
