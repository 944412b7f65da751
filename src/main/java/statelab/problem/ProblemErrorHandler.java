package statelab.problem;

import org.eclipse.jetty.http.HttpStatus;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error answers (unparseable requests, oversized headers, a proxy's 502) as problem
 * details instead of Jetty's HTML page, and never with a stack trace. Install with
 * {@code server.setErrorHandler(new ProblemErrorHandler())}.
 */
public final class ProblemErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() > 0 ? response.getStatus() : 500;
        if (request.getAttribute(ERROR_STATUS) instanceof Integer s) {
            status = s;
        }
        String reason = HttpStatus.getMessage(status);
        String kind = kindOf(status);
        String detail = status == 502 ? "the node stopped answering while handling this request" : reason;
        ProblemDetails.of(status, kind, reason, detail).with("node", null).with("user", null).write(response, callback);
        return true;
    }

    /** Requests too broken to reach any handler (bad framing, oversized headers). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        fields.put(ProblemDetails.NOSNIFF_HEADER, ProblemDetails.NOSNIFF);
        String title = HttpStatus.getMessage(status);
        return ByteBuffer.wrap(ProblemDetails.of(status, kindOf(status), title, title)
                .with("node", null).with("user", null).toJson());
    }

    private static String kindOf(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 408 -> "timeout";
            case 413 -> "too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 431 -> "headers-too-large";
            case 502 -> "node-down";
            case 503 -> "unavailable";
            case 504 -> "node-down";
            case 505 -> "http-version-not-supported";
            default -> status >= 500 ? "server-error" : "bad-request";
        };
    }
}
