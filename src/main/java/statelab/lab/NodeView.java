package statelab.lab;

import java.net.URI;

/**
 * One node as the lab reports it.
 *
 * @param id       S1, S2, ...
 * @param url      where it listens (also while it is down: the port it will come back on)
 * @param up       whether its process is running
 * @param healthy  whether the cluster's balancer currently believes it healthy
 * @param sessions sessions held in its own memory (0 for strategies that keep none)
 * @param pid      its operating-system process id when it runs as a process of its own and is up; 0 otherwise
 */
public record NodeView(String id, URI url, boolean up, boolean healthy, int sessions, long pid) {

    /** A node inside the lab's JVM (no process of its own). */
    public NodeView(String id, URI url, boolean up, boolean healthy, int sessions) {
        this(id, url, up, healthy, sessions, 0);
    }
}
