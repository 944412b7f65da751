package statelab.lab;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts "nodes" that are only ports (no servers); kill marks them down. It can refuse a node's next
 * binds, as a port another program took first would, or fail its start outright.
 */
final class ScriptedLauncher implements NodeLauncher {
    private final AtomicInteger nextPort = new AtomicInteger(41000);
    private final Map<String, AtomicInteger> bindsToRefuse = new ConcurrentHashMap<>();
    /** Every port each node id asked for, in order. */
    final Map<String, List<Integer>> portsAskedFor = new ConcurrentHashMap<>();
    /** Every node started, in order. */
    final List<RunningNode> started = new CopyOnWriteArrayList<>();
    /** A node id whose every start fails with an error that is not a refused bind; null for none. */
    volatile String failStartOf;

    /** The node's next {@code count} binds are refused ("Address already in use"). */
    void refuseBinds(String id, int count) {
        bindsToRefuse.put(id, new AtomicInteger(count));
    }

    @Override
    public RunningNode launch(String id, ClusterKind kind, int port) throws IOException {
        portsAskedFor.computeIfAbsent(id, i -> new CopyOnWriteArrayList<>()).add(port);
        if (id.equals(failStartOf)) {
            throw new IOException(id + " exited before it listened");
        }
        AtomicInteger refusals = bindsToRefuse.get(id);
        if (refusals != null && refusals.getAndDecrement() > 0) {
            throw new IOException("Failed to bind to /127.0.0.1:" + port, new BindException("Address already in use"));
        }
        int chosen = port == 0 ? nextPort.getAndIncrement() : port;
        RunningNode node = new RunningNode() {
            volatile boolean running = true;

            @Override
            public URI uri() {
                return URI.create("http://127.0.0.1:" + chosen);
            }

            @Override
            public long pid() {
                return 0;
            }

            @Override
            public boolean running() {
                return running;
            }

            @Override
            public int sessionsHeld() {
                return 0;
            }

            @Override
            public void kill() {
                running = false;
            }
        };
        started.add(node);
        return node;
    }
}
