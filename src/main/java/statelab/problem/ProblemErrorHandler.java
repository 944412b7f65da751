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
        String detail = status == 502 ? "the node stopped answering while handling this request" : HttpStatus.getMessage(status);
        ProblemDetails.of(kindOf(status), status, detail).with("node", null).with("user", null).write(response, callback);
        return true;
    }

    /** Requests too broken to reach any handler (bad framing, oversized headers). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        fields.put(ProblemDetails.NOSNIFF_HEADER, ProblemDetails.NOSNIFF);
        return ByteBuffer.wrap(ProblemDetails.of(kindOf(status), status, HttpStatus.getMessage(status))
                .with("node", null).with("user", null).toJson());
    }

    private static ProblemKind kindOf(int status) {
        return switch (status) {
            case 400 -> ProblemKind.BAD_REQUEST;
            case 404 -> ProblemKind.NOT_FOUND;
            case 405 -> ProblemKind.METHOD_NOT_ALLOWED;
            case 408 -> ProblemKind.TIMEOUT;
            case 413 -> ProblemKind.TOO_LARGE;
            case 414 -> ProblemKind.URI_TOO_LONG;
            case 415 -> ProblemKind.UNSUPPORTED_MEDIA_TYPE;
            case 431 -> ProblemKind.HEADERS_TOO_LARGE;
            case 502 -> ProblemKind.NODE_DOWN;
            case 503 -> ProblemKind.UNAVAILABLE;
            case 504 -> ProblemKind.NODE_DOWN;
            case 505 -> ProblemKind.HTTP_VERSION_NOT_SUPPORTED;
            default -> status >= 500 ? ProblemKind.SERVER_ERROR : ProblemKind.BAD_REQUEST;
        };
    }
}
