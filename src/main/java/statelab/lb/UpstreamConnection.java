package statelab.lb;

import java.io.EOFException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * One keep-alive HTTP/1.1 connection from the balancer to a backend, carrying one exchange at a time:
 * {@link #send} writes a request (head and body in one gathering write), and the answer is parsed by
 * Jetty's {@link HttpParser} ({@link AnswerParser}) and handed to an {@link AnswerListener}. Body pieces
 * are handed on one at a time: the connection reads no more until the listener's write completes, so a
 * slow client holds the node back instead of filling the balancer's memory.
 *
 * <p>Once an answer is complete the connection goes back to its {@link UpstreamPool} if it may carry
 * another (the node did not say {@code Connection: close}, the body was not ended by closing), and is
 * closed otherwise. A connection closed by the node, failed, or timed out (idle timeout of its
 * connector) fails its exchange, if any, and leaves the pool. A non-blocking connection: the selector
 * thread reads and relays the answer itself, with no hand-off to a pool thread per answer.
 */
final class UpstreamConnection extends AbstractConnection.NonBlocking {
    private static final int BUFFER_SIZE = 16 * 1024;
    /** States of handing a body piece to the listener, for a write that may complete on this stack or later. */
    private static final int IDLE = 0, WRITING = 1, WRITTEN_INLINE = 2, AWAITING = 3;
    private static final VarHandle LISTENER;

    static {
        try {
            LISTENER = MethodHandles.lookup().findVarHandle(UpstreamConnection.class, "listener", AnswerListener.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ByteBufferPool buffers;
    private final UpstreamPool pool;
    private final AnswerParser answer = new AnswerParser(this::failAndClose);
    private final AtomicInteger handOff = new AtomicInteger(IDLE);
    /** When this connection last went idle in its pool (the pool's clock, read and written under its lock). */
    private long idleSince;
    /**
     * What the exchange still waits for before the connection may carry another: the end of the request's
     * write and the end of the answer. The answer can be complete (it is read on this connection's thread)
     * while the thread that wrote the request is still leaving Jetty's write call; sending the next request
     * then would be a second write at once.
     */
    private final AtomicInteger untilReusable = new AtomicInteger();
    private volatile AnswerListener listener;
    private RetainableByteBuffer input;
    /** Answers completed on this connection; a failure after one, before any byte of the next answer, means a stale connection. */
    private int exchanges;
    private volatile boolean answerBytes;

    UpstreamConnection(EndPoint endPoint, Executor executor, ByteBufferPool buffers, UpstreamPool pool) {
        super(endPoint, executor);
        this.buffers = buffers;
        this.pool = pool;
    }

    @Override
    public void onOpen() {
        super.onOpen();
        fillInterested();
    }

    /**
     * Sends one request on this idle connection; its answer goes to {@code answer}.
     *
     * @param body null for none
     * @param headRequest whether the request is a HEAD, whose answer has a length but no body
     */
    void send(ByteBuffer head, ByteBuffer body, boolean headRequest, AnswerListener listener) {
        answer.expect(listener, headRequest);
        untilReusable.set(2);
        answerBytes = false;
        this.listener = listener;
        Callback sent = Callback.from(InvocationType.NON_BLOCKING, this::oneStepToReuse, this::failAndClose);
        if (body == null) {
            getEndPoint().write(sent, head);
        } else {
            getEndPoint().write(sent, head, body.slice());
        }
    }

    @Override
    public void onFillable() {
        try {
            process();
        } catch (Throwable failure) {
            failAndClose(failure);
        }
    }

    /** Parses what has arrived, reading more until the answer is done, a body piece is out, or no bytes are left. */
    private void process() throws java.io.IOException {
        boolean eof = false;
        while (true) {
            if (!getEndPoint().isOpen()) {
                return; // closed while parsing (the answer failed); onClose has told the listener
            }
            if (input == null) {
                input = buffers.acquire(BUFFER_SIZE, true);
            }
            ByteBuffer bytes = input.getByteBuffer();
            if (listener != null && answer.parse(bytes)) {
                if (!answer.complete() && !handContentOn()) {
                    return; // the listener's write completes later and resumes reading
                }
                if (answer.complete()) {
                    completeExchange(bytes);
                    if (!bytes.hasRemaining()) {
                        // A node sends nothing unasked: rather than a read that finds nothing, wait to be told.
                        releaseInput();
                        fillInterestedIfOpen();
                        return;
                    }
                }
                continue;
            }
            if (bytes.hasRemaining()) {
                failAndClose(new IllegalStateException("the node sent bytes with no request outstanding"));
                return;
            }
            if (eof) {
                failAndClose(new EOFException("the node closed the connection"));
                return;
            }
            int filled = getEndPoint().fill(bytes);
            if (filled > 0 && listener != null) {
                answerBytes = true;
            }
            if (filled == 0) {
                releaseInput();
                fillInterested();
                return;
            }
            if (filled < 0) {
                if (listener == null) {
                    close(); // an idle connection the node closed: it simply leaves the pool
                    return;
                }
                eof = true;
                answer.atEOF();
            }
        }
    }

    /** Answers whether the piece was written at once, so reading may go on here. */
    private boolean handContentOn() {
        ByteBuffer chunk = answer.takeContent();
        handOff.set(WRITING);
        listener.onContent(chunk, answer.lastContent(), Callback.from(InvocationType.NON_BLOCKING, this::contentWritten, this::failAndClose));
        if (handOff.compareAndSet(WRITING, AWAITING)) {
            return false;
        }
        handOff.set(IDLE);
        return true;
    }

    private void contentWritten() {
        if (handOff.compareAndSet(WRITING, WRITTEN_INLINE)) {
            return;
        }
        handOff.set(IDLE);
        onFillable();
    }

    /** The answer is complete: the connection is pooled again (or closed) before the listener is told. */
    private void completeExchange(ByteBuffer bytes) {
        AnswerListener done = takeListener();
        if (done == null) {
            return; // the request's write failed meanwhile, and that failure has told the listener and closed us
        }
        exchanges++;
        if (answer.finish(bytes)) {
            oneStepToReuse();
        } else {
            close();
        }
        done.onComplete();
    }

    private void fillInterestedIfOpen() {
        if (getEndPoint().isOpen()) {
            fillInterested();
        }
    }

    /**
     * Whether the node has already closed this idle connection (or broken it: a node sends nothing unasked),
     * read from the socket now rather than when the selector next gets to it. When a node dies, its closes
     * can still be queued for the selector as the next request arrives; a request that must not be sent twice
     * (a POST) could not be resent after going out on such a connection, and would be answered 502.
     */
    boolean closedByNode() {
        EndPoint endPoint = getEndPoint();
        if (!endPoint.isOpen()) {
            return true;
        }
        try {
            return endPoint.fill(BufferUtil.allocate(1)) != 0;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    long idleSince() {
        return idleSince;
    }

    void idleFrom(long nanos) {
        idleSince = nanos;
    }

    /** The request's write or the answer is done; once both are, the connection goes back to its pool. */
    private void oneStepToReuse() {
        if (untilReusable.decrementAndGet() == 0 && getEndPoint().isOpen()) {
            pool.release(this);
        }
    }

    private void releaseInput() {
        if (input != null && !input.hasRemaining()) {
            input.release();
            input = null;
        }
    }

    /** Fails the exchange in progress, if any, once, and closes the connection (which takes it out of its pool). */
    void failAndClose(Throwable failure) {
        failExchange(failure);
        close();
    }

    /** Tells the exchange in progress, if any, that it failed; only the first failure reaches it. */
    private void failExchange(Throwable failure) {
        AnswerListener failed = takeListener();
        if (failed != null) {
            failed.onFailure(staleIfSo(failure));
        }
    }

    /**
     * The exchange's listener, taken once: a failed write (on the writing thread) and a read that fails or
     * completes (on the selector) can race, and the listener must hear exactly one outcome, never two.
     */
    private AnswerListener takeListener() {
        return (AnswerListener) LISTENER.getAndSet(this, null);
    }

    /** A timeout is the node's slowness, not a stale connection; anything else before a byte of a reused connection's answer is. */
    private Throwable staleIfSo(Throwable failure) {
        boolean reused = exchanges > 0;
        return reused && !answerBytes && !(failure instanceof TimeoutException) ? new StaleConnectionException(failure) : failure;
    }

    /** A read that timed out fails the exchange with the timeout itself, so the caller is answered 504. */
    @Override
    protected boolean onReadTimeout(TimeoutException timeout) {
        failAndClose(timeout);
        return true;
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        pool.closed(this);
        failExchange(cause != null ? cause : new ClosedChannelException());
        if (input != null && handOff.get() == IDLE) {
            input.release();
            input = null;
        }
    }

    @Override
    public String toConnectionString() {
        return "UpstreamConnection@" + Integer.toHexString(hashCode()) + "->" + pool;
    }
}
