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
 */
public record NodeView(String id, URI url, boolean up, boolean healthy, int sessions) {
}
