package statelab.problem;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The last step of a refusal: what is left of a request body the server did not read is read and
 * thrown away after the answer has gone out and before the exchange completes (what web servers call a
 * lingering close). A connection closed with the client's bytes still unread is reset by the kernel,
 * and the reset can reach the client before it has read the answer: it then sees "no bytes" (or a proxy
 * reports a failed node) instead of the 413, 401 or 405. Every Jetty server of the lab that refuses a
 * request with a body ends the refusal here.
 *
 * <p>Bounded: at most {@code maxBytes} are drained. A body declared larger, or one that goes on past
 * that, is cut off by the close as before, and a client that never sends its body is ended by the
 * connector's idle timeout. Draining never fails the exchange: a body that cannot be read any more (cut
 * off, badly framed, already failed) simply ends the drain. A body read to its end leaves the
 * connection fit for the client's next request, as any answered request does.
 */
public final class LingeringClose {
    private final long maxBytes;

    private LingeringClose(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Drains at most {@code maxBytes} of each refused body; at least 0. */
    public static LingeringClose upTo(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes cannot be negative");
        }
        return new LingeringClose(maxBytes);
    }

    /** The most bytes of one refused body this drains. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Drains what it may of {@code request}'s unread body, then completes {@code done}; never fails it. */
    public void thenComplete(Request request, Callback done) {
        if (request.getLength() > maxBytes) {
            done.succeeded();
            return;
        }
        new Drain(request, done).read();
    }

    /**
     * {@code callback} for a whole exchange, with a lingering close when the answer is a refusal: once
     * an answer with a status of 400 or more is written, the rest of the body is drained before
     * {@code callback} completes; any other answer (and any failure) reaches {@code callback} at once,
     * as without it. Its invocation type is {@code callback}'s; for a request without a body it is
     * {@code callback} itself.
     */
    public Callback onRefusal(Request request, Response response, Callback callback) {
        // HTTP/1.1 frames a body by Content-Length or Transfer-Encoding; without either there is none to drain.
        if (request.getLength() <= 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return callback;
        }
        return new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                if (response.getStatus() >= 400) {
                    thenComplete(request, callback);
                } else {
                    callback.succeeded();
                }
            }
        };
    }

    /** One body being drained; reads until its end, a failure, or the bound, then completes once. */
    private final class Drain {
        private final Request request;
        private final Callback done;
        private long drained;

        Drain(Request request, Callback done) {
            this.request = request;
            this.done = done;
        }

        void read() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this::read);
                    return;
                }
                drained += chunk.remaining();
                boolean end = chunk.isLast() || Content.Chunk.isFailure(chunk) || drained > maxBytes;
                chunk.release();
                if (end) {
                    done.succeeded();
                    return;
                }
            }
        }
    }
}
