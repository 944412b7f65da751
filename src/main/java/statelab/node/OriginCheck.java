package statelab.node;

import java.net.URI;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * CSRF defence for state-changing requests (OWASP: verify the origin with standard headers). A
 * browser names the page that caused a request in {@code Origin} and says whether it was cross-site
 * in {@code Sec-Fetch-Site}; a POST whose origin is another site is refused, on top of the cookies'
 * {@code SameSite=Lax}. Requests without these headers (curl, other servers) are not from a browser
 * page and pass: CSRF needs a victim's browser.
 */
final class OriginCheck {
    private OriginCheck() {
    }

    /** Refuses the request when a browser says it came from another site. */
    static void requireSameOrigin(Request request) throws NodeRequest.Rejected {
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if ("cross-site".equalsIgnoreCase(site)) {
            throw forbidden("the request came from another site");
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null) {
            return;
        }
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (origin.equals("null") || host == null || !hostOf(origin).equalsIgnoreCase(host)) {
            throw forbidden("Origin " + origin + " is not this site");
        }
    }

    private static String hostOf(String origin) {
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return "";
            }
            return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static NodeRequest.Rejected forbidden(String why) {
        return new NodeRequest.Rejected(403, "cross-site-request", why + "; state-changing requests must come from this site");
    }
}
