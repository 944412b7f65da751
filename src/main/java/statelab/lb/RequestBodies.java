package statelab.lb;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import statelab.problem.BoundedBody;

/**
 * Request bodies held in memory before forwarding, so that a request refused by a dead node can be
 * sent again, body and all, to the next one (docs/LAB-SEMANTICS.md: a failed connect is retried; a
 * streamed body would have gone with the first attempt). Bodies are small in this API; anything over
 * {@link #MAX_BYTES} is refused at the balancer, as a real one's body-size limit would.
 */
final class RequestBodies {
    /**
     * The largest body the balancer accepts: an avatar of the state labs (1 MiB) is the largest any
     * node takes; JSON bodies are refused by the nodes themselves past 8 KiB.
     */
    static final int MAX_BYTES = Balancer.MAX_BODY_BYTES;

    private RequestBodies() {
    }

    /** Whether the request carries a body to read. */
    static boolean present(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    /** Whether the declared length alone is over the limit. */
    static boolean declaredTooLarge(Request request) {
        return request.getLength() > MAX_BYTES;
    }

    /**
     * Reads the whole body without blocking ({@link BoundedBody}): fails with {@link BoundedBody.TooLarge}
     * past {@link #MAX_BYTES}, leaving the rest unread for the 413's lingering close, or with the body's own
     * failure when it is cut off or badly framed.
     */
    static CompletableFuture<ByteBuffer> read(Request request) {
        return BoundedBody.read(request, MAX_BYTES);
    }
}
