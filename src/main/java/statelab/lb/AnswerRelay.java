package statelab.lb;

import java.nio.ByteBuffer;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Carries one backend answer onto the client's {@link Response} as it arrives: the status, the
 * end-to-end header lines (hop-by-hop ones and any the answer's {@code Connection} names are dropped;
 * {@code Content-Length} stays, so the client gets the node's framing), the sticky policy's
 * {@code Set-Cookie} when it pins one, then the body piece by piece. Each piece is written before the
 * next is read (the connection waits for the write's callback), so a slow client slows the node
 * instead of filling memory. A failure goes to the {@link ForwardingHandler}, which decides between a
 * retry, a problem answer, and aborting a response already under way.
 */
final class AnswerRelay implements AnswerListener {
    private final ForwardingHandler handler;
    private final ForwardedRequest request;
    private final Response response;
    private final Callback callback;
    private Set<String> namedByConnection = Set.of();
    private boolean lastWritten;

    AnswerRelay(ForwardingHandler handler, ForwardedRequest request, Response response, Callback callback) {
        this.handler = handler;
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    @Override
    public void onBegin(int status) {
        request.markAnswerBegun();
        response.setStatus(status);
    }

    @Override
    public void onHeader(HttpField field) {
        if (field.getHeader() == HttpHeader.CONNECTION) {
            namedByConnection = HopByHopHeaders.addNames(namedByConnection, field.getValue());
        }
        if (field.getHeader() == HttpHeader.DATE) {
            // Our server put its own Date on the response already; the node's replaces it, so there is one.
            response.getHeaders().put(field);
        } else if (!HopByHopHeaders.fixed(field)) {
            response.getHeaders().add(field);
        }
    }

    @Override
    public void onHeadersComplete() {
        for (String name : namedByConnection) {
            response.getHeaders().remove(name);
        }
        if (request.setCookie() instanceof String cookie) {
            response.getHeaders().add(HttpHeader.SET_COOKIE, cookie);
        }
    }

    @Override
    public void onContent(ByteBuffer chunk, boolean last, Callback written) {
        // The last piece of a body of known length is written as last: head, body and end in one write.
        lastWritten = last;
        response.write(last, chunk, written);
    }

    @Override
    public void onComplete() {
        if (lastWritten) {
            callback.succeeded();
        } else {
            response.write(true, null, callback);
        }
    }

    @Override
    public void onFailure(Throwable failure) {
        handler.answerFailed(request, response, callback, failure);
    }
}
