package statelab.lb;

import statelab.problem.ProblemKind;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import statelab.problem.BoundedBody;
import statelab.problem.LingeringClose;
import statelab.problem.ProblemDetails;

/** The balancer's own answers, as RFC 9457 problem details. */
final class LoadBalancerProblems {
    private static final ProblemDetails NODE_DOWN = ProblemDetails.of(ProblemKind.NODE_DOWN, "the load balancer has no healthy node to send this request to").with("node", null).with("user", null);

    private LoadBalancerProblems() {
    }

    private static final ProblemDetails TOO_LARGE = ProblemDetails.of(ProblemKind.TOO_LARGE, "the load balancer accepts bodies of at most " + RequestBodies.MAX_BYTES + " bytes").with("node", null).with("user", null);

    /** Twice the body limit: enough for any body a client might send in good faith past the limit. */
    private static final LingeringClose REFUSED_BODY = LingeringClose.upTo(2L * RequestBodies.MAX_BYTES);

    static void tooLarge(Request request, Response response, Callback callback) {
        // The body is not forwarded; the connection closes after the answer rather than carry it, once what
        // the client already sent has been read and thrown away (a close with unread bytes is a reset).
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        TOO_LARGE.write(response, Callback.from(() -> REFUSED_BODY.thenComplete(request, callback), callback::failed));
    }

    /** A body that could not be read: over the limit while streaming in, cut off, or badly framed. */
    static void unreadableBody(Request request, Response response, Callback callback, Throwable failure) {
        if (failure instanceof BoundedBody.TooLarge || failure.getCause() instanceof BoundedBody.TooLarge) {
            tooLarge(request, response, callback);
            return;
        }
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        ProblemDetails.of(ProblemKind.BAD_REQUEST, "the request body could not be read")
                .with("node", null).with("user", null).write(response, callback);
    }

    /** {@code OPTIONS *} asks about the server, not a resource: no backend path means anything for it. */
    static boolean isServerWideOptions(Request request) {
        return "OPTIONS".equals(request.getMethod()) && "*".equals(request.getHttpURI().getPath());
    }

    /** The balancer answers {@code OPTIONS *} itself, with the methods the lab's nodes take. */
    static void serverWideOptions(Response response, Callback callback) {
        response.setStatus(204);
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD, POST");
        response.getHeaders().put(ProblemDetails.NOSNIFF_HEADER, ProblemDetails.NOSNIFF);
        response.write(true, null, callback);
    }

    static void nodeDown(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        NODE_DOWN.write(response, callback);
    }
}
