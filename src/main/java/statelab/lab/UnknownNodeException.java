package statelab.lab;

/** A node id that no cluster has; the web API answers it 404. */
public final class UnknownNodeException extends IllegalArgumentException {
    public UnknownNodeException(String nodeId) {
        super("no node called '" + nodeId + "'");
    }
}
