package statelab.lb;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.http.HttpVersion;

/**
 * Jetty's {@link HttpParser} reading an {@link UpstreamConnection}'s answers, one at a time: the final
 * answer's status and header lines go to its {@link AnswerListener} as they are parsed, interim (1xx)
 * answers are skipped, and parsing stops at each body piece and at the end so that the connection
 * decides what happens next (write the piece, reuse or close). An answer that cannot be parsed, or that
 * the node cut short, goes to {@code broken}. Used by one connection's thread at a time.
 */
final class AnswerParser implements HttpParser.ResponseHandler {
    /** A node's answer head is a few hundred bytes; this bounds what a broken one can make us hold. */
    private static final int MAX_HEAD_BYTES = 16 * 1024;

    private final HttpParser parser = new HttpParser(this, MAX_HEAD_BYTES);
    private final Consumer<Throwable> broken;
    private AnswerListener listener;
    private ByteBuffer content;
    private boolean lastContent;
    private boolean interim;
    private boolean closeAfter;
    private boolean complete;

    AnswerParser(Consumer<Throwable> broken) {
        this.broken = broken;
        // A node's header lines are relayed exactly as sent: the parser's line cache must not match one that
        // differs only in letter case (a new Set-Cookie) and hand back the earlier line.
        parser.setHeaderCacheCaseSensitive(true);
    }

    /** The next answer parsed is for {@code answer}; a HEAD's answer has a length but no body. */
    void expect(AnswerListener answer, boolean headRequest) {
        parser.setHeadResponse(headRequest);
        listener = answer;
    }

    /**
     * Parses {@code bytes}; answers true when it stopped at a body piece ({@link #takeContent}) or at the
     * end of the answer ({@link #complete}), false when it needs more bytes (or the answer broke).
     */
    boolean parse(ByteBuffer bytes) {
        while (parser.parseNext(bytes)) {
            if (content != null || complete) {
                return true;
            }
            parser.reset(); // an interim answer ended: the final one follows on the same connection
        }
        return false;
    }

    /** The body piece parsing stopped at, or null; it stays valid until the buffer is read into again. */
    ByteBuffer takeContent() {
        ByteBuffer piece = content;
        content = null;
        return piece;
    }

    /** Whether the piece last taken ends a body of declared length. */
    boolean lastContent() {
        return lastContent;
    }

    boolean complete() {
        return complete;
    }

    /**
     * Ends a complete answer; answers whether the connection may carry another: the node did not say
     * {@code Connection: close} or speak HTTP/1.0, did not end the body by closing, and sent nothing more.
     */
    boolean finish(ByteBuffer rest) {
        boolean reusable = !closeAfter && !parser.isClosed() && !parser.isClose() && !rest.hasRemaining();
        listener = null;
        complete = false;
        closeAfter = false;
        if (reusable) {
            parser.reset();
        }
        return reusable;
    }

    /** The node closed its side: what was parsed so far ends the answer, or cuts it short. */
    void atEOF() {
        parser.atEOF();
    }

    @Override
    public void startResponse(HttpVersion version, int status, String reason) {
        interim = status >= 100 && status < 200;
        closeAfter |= version != HttpVersion.HTTP_1_1;
        if (!interim) {
            listener.onBegin(status);
        }
    }

    @Override
    public void parsedHeader(HttpField field) {
        if (field.getHeader() == HttpHeader.CONNECTION) {
            closeAfter |= field.contains(HttpHeaderValue.CLOSE.asString());
        }
        if (!interim) {
            listener.onHeader(field);
        }
    }

    @Override
    public boolean headerComplete() {
        if (!interim) {
            listener.onHeadersComplete();
        }
        return false;
    }

    @Override
    public boolean content(ByteBuffer chunk) {
        if (!chunk.hasRemaining()) {
            return false;
        }
        content = chunk;
        lastContent = parser.getContentLength() >= 0 && parser.getContentRead() >= parser.getContentLength();
        return true;
    }

    @Override
    public boolean contentComplete() {
        return false;
    }

    @Override
    public boolean messageComplete() {
        complete = !interim;
        interim = false;
        return true;
    }

    @Override
    public void earlyEOF() {
        broken.accept(new EOFException("the node closed the connection in the middle of its answer"));
    }

    @Override
    public void badMessage(HttpException failure) {
        broken.accept(new IllegalStateException("the node's answer could not be parsed: " + failure.getReason()));
    }
}
