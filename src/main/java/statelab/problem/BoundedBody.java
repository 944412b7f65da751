package statelab.problem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * A request body read whole into memory, up to a limit, the way every server of the lab reads one.
 * Past the limit it stops reading without failing the request, so the rest is still there for the
 * refusal's {@link LingeringClose} to read and throw away (Jetty's own readers fail the request's
 * content at their limit, after which nothing more can be read and the close becomes a reset).
 *
 * <p>Contract: a body declared longer than the limit, or one that runs past it while it streams in,
 * is {@link TooLarge}; a body that is cut off or badly framed fails with the read's own failure; a
 * request without a body reads as empty.
 */
public final class BoundedBody {
    private final Request request;
    private final int limit;
    private final CompletableFuture<ByteBuffer> body = new CompletableFuture<>();
    private byte[] bytes = new byte[1024];
    private int size;

    private BoundedBody(Request request, int limit) {
        this.request = request;
        this.limit = limit;
    }

    /** A body longer than the limit the server reads. */
    public static final class TooLarge extends IllegalArgumentException {
        TooLarge(int limit) {
            super("the body is larger than " + limit + " bytes");
        }
    }

    /** Reads the body without blocking; the answer completes when it has been read, or fails as above. */
    public static CompletableFuture<ByteBuffer> read(Request request, int limit) {
        BoundedBody reading = new BoundedBody(request, limit);
        if (request.getLength() > limit) {
            reading.body.completeExceptionally(new TooLarge(limit));
        } else {
            reading.readAvailable();
        }
        return reading.body;
    }

    /**
     * Reads the body, waiting on this thread as it arrives (a handler that may block).
     *
     * @throws TooLarge    when it is longer than {@code limit}
     * @throws IOException when it cannot be read (cut off, badly framed, the wait interrupted)
     */
    public static byte[] await(Request request, int limit) throws IOException {
        try {
            ByteBuffer read = read(request, limit).get();
            return Arrays.copyOfRange(read.array(), read.arrayOffset(), read.arrayOffset() + read.remaining());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TooLarge tooLarge) {
                throw tooLarge;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the body was read", e);
        }
    }

    /** Copies the chunks as they come, until the last one, a failure, or the limit; waits for more with demand. */
    private void readAvailable() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this::readAvailable);
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
                body.completeExceptionally(new TooLarge(limit));
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
        if (length > limit - size) {
            return false;
        }
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(limit, Math.max(size + length, bytes.length * 2)));
        }
        chunk.get(bytes, size, length);
        size += length;
        return true;
    }
}
