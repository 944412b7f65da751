package statelab.lb;

import java.io.IOException;

/**
 * An exchange failed on a kept-alive connection that had carried answers before, and not one byte of
 * this answer arrived: the node closed the connection while it sat idle (its idle timeout, or the node
 * died and its kernel closed its sockets). The request most likely never reached a live server, so the
 * balancer sends a GET or HEAD once more to the same backend on a new connection, where a dead node
 * shows as a refused connection (see {@link ForwardingHandler}).
 */
final class StaleConnectionException extends IOException {
    StaleConnectionException(Throwable cause) {
        super("the node had closed the kept-alive connection: " + cause.getMessage(), cause);
    }
}
