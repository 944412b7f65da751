package statelab.web;

import java.net.URI;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Refuses actions another site's page posts through a visitor's browser (the lab listens on
 * loopback, but any page the visitor opens can send a simple POST there). Browsers send
 * {@code Origin} with every POST; one naming another origin than the server's own is refused.
 * A request without {@code Origin} (curl, scripts) is not a browser acting for another site.
 */
final class SameOrigin {
    private SameOrigin() {
    }

    static void require(Request request) throws ApiProblem {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (request.getMethod().equals("POST") && origin != null
                && !matches(origin, Request.getServerName(request), Request.getServerPort(request))) {
            throw new ApiProblem(403, "cross-origin", "Forbidden", "the lab only takes actions from its own page, not from " + origin);
        }
    }

    /** Whether {@code origin} names this host and port (a missing port is the scheme's default). */
    static boolean matches(String origin, String host, int port) {
        try {
            URI uri = URI.create(origin);
            int originPort = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            return uri.getHost() != null && uri.getHost().equalsIgnoreCase(host) && originPort == port;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
