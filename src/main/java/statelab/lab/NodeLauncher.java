package statelab.lab;

/**
 * Starts the node processes behind a {@link Cluster}: inside the lab's JVM ({@link InProcessNodeLauncher})
 * or as operating-system processes of their own. The cluster keeps each node's id and port; the
 * launcher only runs a node there.
 */
public interface NodeLauncher extends AutoCloseable {

    /**
     * Starts one node and answers once it listens.
     *
     * @param id   S1, S2, ...
     * @param kind the cluster kind, which says how the node keeps sessions
     * @param port the port to listen on; 0 for any free one (the node's {@link RunningNode#uri()} says which)
     * @throws Exception when the node did not start (the port is taken, the process died)
     */
    RunningNode launch(String id, ClusterKind kind, int port) throws Exception;

    /**
     * The lab rotated its token key: running nodes must sign and verify with the new set before this
     * returns. Nodes inside the lab share the key objects, so by default there is nothing to do.
     */
    default void jwtKeysChanged() {
    }

    /** The jwt deny-list was switched: running nodes follow before this returns. */
    default void jwtRevocationSwitched(boolean on) {
    }

    /** Stops whatever the launcher holds beyond its nodes (which the cluster kills itself). */
    @Override
    default void close() {
    }
}
