package statelab.lb;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

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
     * Reads the whole body without blocking. Fails with {@link TooLarge} as soon as more than
     * {@link #MAX_BYTES} have come, and then stops reading without failing the request, so that the rest
     * can still be read and thrown away before the 413's connection closes (Jetty's own
     * {@code asByteBufferAsync} fails the request's content, after which nothing more can be read and the
     * close becomes a reset); fails with the body's own failure when it is cut off or badly framed.
     */
    static CompletableFuture<ByteBuffer> read(Request request) {
        CompletableFuture<ByteBuffer> body = new CompletableFuture<>();
        new BoundedRead(request, body).run();
        return body;
    }

    /** A body that went past {@link #MAX_BYTES} while it streamed in (no length was declared). */
    static final class TooLarge extends IllegalArgumentException {
        TooLarge() {
            super("the body went past " + MAX_BYTES + " bytes");
        }
    }

    /** Chunks copied into one buffer as they come, until the last one, a failure, or the limit. */
    private static final class BoundedRead implements Runnable {
        private final Request request;
        private final CompletableFuture<ByteBuffer> body;
        private byte[] bytes = new byte[1024];
        private int size;

        BoundedRead(Request request, CompletableFuture<ByteBuffer> body) {
            this.request = request;
            this.body = body;
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    body.completeExceptionally(chunk.getFailure());
                    return;
                }
                boolean last = chunk.isLast();
                boolean fits = append(chunk.getByteBuffer());
                chunk.release();
                if (!fits) {
                    body.completeExceptionally(new TooLarge());
                    return;
                }
                if (last) {
                    body.complete(ByteBuffer.wrap(bytes, 0, size));
                    return;
                }
            }
        }

        private boolean append(ByteBuffer chunk) {
            int length = chunk.remaining();
            if (length > MAX_BYTES - size) {
                return false;
            }
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.min(MAX_BYTES, Math.max(size + length, bytes.length * 2)));
            }
            chunk.get(bytes, size, length);
            size += length;
            return true;
        }
    }
}
