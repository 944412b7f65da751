package statelab.node;

import statelab.problem.BoundedBody;
import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import java.io.IOException;
import java.util.List;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * What a node reads from one request: the credential (cookie, or {@code Authorization: Bearer}
 * where the strategy takes tokens) and a bounded body. Ambiguous input is refused, never guessed at.
 */
final class NodeRequest {
    static final int MAX_BODY_BYTES = 8 * 1024;

    private NodeRequest() {
    }

    /** The credential, or null when none was sent. Two different credentials are refused. */
    static String credential(Request request, String cookieName, boolean acceptsBearer) throws ProblemException {
        String found = null;
        List<HttpCookie> cookies = Request.getCookies(request);
        for (HttpCookie cookie : cookies) {
            if (cookie.getName().equals(cookieName)) {
                if (found != null && !found.equals(cookie.getValue())) {
                    throw new ProblemException(ProblemKind.BAD_CREDENTIAL, 400, "more than one '" + cookieName + "' cookie");
                }
                found = cookie.getValue();
            }
        }
        if (acceptsBearer) {
            String bearer = bearer(request);
            if (bearer != null && found != null && !bearer.equals(found)) {
                throw new ProblemException(ProblemKind.BAD_CREDENTIAL, 400, "a cookie and a bearer token that differ");
            }
            if (found == null) {
                found = bearer;
            }
        }
        return found;
    }

    private static String bearer(Request request) throws ProblemException {
        List<String> values = request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION);
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new ProblemException(ProblemKind.BAD_CREDENTIAL, 400, "more than one Authorization header");
        }
        String value = values.get(0);
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return value.substring(7).trim();
        }
        throw new ProblemException(ProblemKind.BAD_CREDENTIAL, "Authorization must use the Bearer scheme");
    }

    /** The JSON body, at most {@link #MAX_BODY_BYTES}; requires {@code Content-Type: application/json}. */
    static byte[] jsonBody(Request request) throws ProblemException {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ProblemException(ProblemKind.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
        }
        return body(request, MAX_BODY_BYTES);
    }

    /**
     * The body, at most {@code limit} bytes, waited for as it arrives; a 413 when it is longer. The rest
     * of a refused body stays unread and the request is not failed ({@link BoundedBody}), so the refusal's
     * lingering close ({@link statelab.problem.LingeringClose}, see {@link NodeHandler}) can read it.
     */
    static byte[] body(Request request, int limit) throws ProblemException {
        try {
            return BoundedBody.await(request, limit);
        } catch (BoundedBody.TooLarge e) {
            throw tooLarge(limit);
        } catch (IOException e) {
            throw new ProblemException(ProblemKind.BAD_REQUEST, "the body could not be read");
        }
    }

    private static ProblemException tooLarge(int limit) {
        return new ProblemException(ProblemKind.TOO_LARGE, "the body is larger than " + limit + " bytes");
    }
}
