package statelab.web;

import statelab.lab.Cluster;
import statelab.scenario.LabClient;

/**
 * Keeps traffic sent beside Alice's walk (the measurements, the revocation demo) from shifting it.
 * A balancer's round-robin counter is shared by every client, so n extra requests move her next node
 * by n places; topping them up to a multiple of the healthy node count leaves her rotation where it
 * was (S1, S2, S3, ... as docs/LAB-SEMANTICS.md's table has it).
 */
final class RoundRobinPadding {
    private RoundRobinPadding() {
    }

    /** How many more requests make {@code sent} a multiple of {@code healthy}. */
    static int padding(int sent, int healthy) {
        return healthy <= 0 ? 0 : Math.floorMod(-sent, healthy);
    }

    /** Sends harmless {@code GET /health} requests through the cluster's balancer until the rotation is whole again. */
    static void complete(Cluster cluster, LabClient client, int sent) {
        int extra = padding(sent, cluster.balancer().healthyCount());
        for (int i = 0; i < extra; i++) {
            client.send("GET", "/health", null);
        }
    }
}
