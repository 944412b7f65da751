package statelab.lb;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * Reads and throws away what is left of a request body the balancer refused, after its answer has gone
 * out and before the connection closes (what web servers call a lingering close). A connection closed
 * with the client's bytes still unread is reset by the kernel, and a reset can reach the client before
 * it has read the answer: it then sees "no bytes" instead of the 413. At most {@link #MAX_BYTES} are
 * drained; a body declared larger, or one that goes on past that, is cut off by the close as before,
 * and a client that never sends its body is ended by the connector's idle timeout.
 */
final class UnreadBodyDrain {
    /** Twice the body limit: enough for any body a client might send in good faith past the limit. */
    static final long MAX_BYTES = 2L * RequestBodies.MAX_BYTES;

    private final Request request;
    private final Callback done;
    private long drained;

    private UnreadBodyDrain(Request request, Callback done) {
        this.request = request;
        this.done = done;
    }

    /** Drains what it may of {@code request}'s body, then completes {@code done}; never fails it. */
    static void thenComplete(Request request, Callback done) {
        if (request.getLength() > MAX_BYTES) {
            done.succeeded();
            return;
        }
        new UnreadBodyDrain(request, done).read();
    }

    private void read() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this::read);
                return;
            }
            drained += chunk.remaining();
            boolean end = chunk.isLast() || Content.Chunk.isFailure(chunk) || drained > MAX_BYTES;
            chunk.release();
            if (end) {
                done.succeeded();
                return;
            }
        }
    }
}
