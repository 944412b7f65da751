package statelab.lb;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.util.Callback;

/**
 * Receives one backend answer from an {@link UpstreamConnection}, in this order: {@link #onBegin},
 * {@link #onHeader} per line, {@link #onHeadersComplete}, {@link #onContent} zero or more times, then
 * exactly one of {@link #onComplete} or {@link #onFailure} (which may also come at any earlier point,
 * before any {@code onBegin} when the request never got an answer). Interim (1xx) answers are not
 * passed on. All calls come on the connection's thread, one at a time, and must not block.
 */
interface AnswerListener {
    /** The final answer's status line arrived. */
    void onBegin(int status);

    /** One header line of the final answer, hop-by-hop ones included (the listener filters). */
    void onHeader(HttpField field);

    void onHeadersComplete();

    /**
     * A piece of the answer's body; the connection reads nothing more until {@code written} completes,
     * and the bytes stay valid until then.
     *
     * @param last whether this piece ends a body of declared length (nothing but completion follows)
     */
    void onContent(ByteBuffer chunk, boolean last, Callback written);

    /** The whole answer was read; the connection has already gone back to its pool (or closed). */
    void onComplete();

    /** The exchange failed: cannot connect, connection lost, a timeout, or an answer that cannot be parsed. */
    void onFailure(Throwable failure);
}
