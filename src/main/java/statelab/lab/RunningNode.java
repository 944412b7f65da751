package statelab.lab;

import java.net.URI;

/**
 * A node a {@link NodeLauncher} started. {@link #kill()} is a crash: the port closes at once and the
 * node's memory is gone; a node is never started again in place (the cluster launches a fresh one).
 */
public interface RunningNode {

    URI uri();

    /** The operating-system process id when the node is a process of its own; 0 when it runs inside the lab. */
    long pid();

    /** Whether it is still running (a process may also have died by itself). */
    boolean running();

    /** Sessions held in the node's own memory (0 for strategies that keep none, or a node that is down). */
    int sessionsHeld();

    /** Crashes the node; does nothing when it is already down. */
    void kill();
}
