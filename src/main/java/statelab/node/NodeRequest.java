package statelab.node;

import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
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
    /**
     * How much of an oversized body is read and dropped before refusing it: the balancer's own limit,
     * which is the avatar limit of {@link ImageUpload} (the largest body any endpoint takes).
     */
    static final int DRAIN_BYTES = ImageUpload.MAX_BYTES;

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
        try (InputStream in = Request.asInputStream(request)) {
            if (request.getLength() > MAX_BODY_BYTES) {
                throw tooLarge(in);
            }
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge(in);
            }
            return body;
        } catch (IOException e) {
            throw new ProblemException(ProblemKind.BAD_REQUEST, "the body could not be read");
        }
    }

    /**
     * The refusal of an oversized body, after reading and dropping up to {@link #DRAIN_BYTES} of it:
     * a server that closes with unread bytes waiting makes the kernel reset the connection, and the
     * reset can overtake the 413 on its way to a proxy, which would then report a failed node instead.
     */
    private static ProblemException tooLarge(InputStream in) {
        return tooLarge(in, MAX_BODY_BYTES);
    }

    /** The refusal of a body over {@code limit} bytes, after draining as above. */
    static ProblemException tooLarge(InputStream in, int limit) {
        try {
            in.readNBytes(DRAIN_BYTES);
        } catch (IOException e) {
            // Draining is a courtesy; the 413 stands either way.
        }
        return new ProblemException(ProblemKind.TOO_LARGE, "the body is larger than " + limit + " bytes");
    }
}
