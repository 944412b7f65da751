package statelab.node;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;

/**
 * Writes session cookies the OWASP way: {@code HttpOnly}, {@code SameSite=Lax}, {@code Path=/}, no
 * {@code Domain}, no expiry (they end with the browser; the server enforces the real timeouts).
 * Over HTTPS they are also {@code Secure} and carry the {@code __Host-} prefix, which browsers only
 * accept from a secure origin with no Domain and Path=/.
 */
public final class SessionCookies {
    private final boolean secure;

    public SessionCookies(boolean secure) {
        this.secure = secure;
    }

    /** The name on the wire for a strategy's cookie, such as {@code sid} or {@code __Host-sid}. */
    public String name(String base) {
        return secure ? "__Host-" + base : base;
    }

    void set(Response response, String base, String value) {
        response.getHeaders().add(HttpHeader.SET_COOKIE, name(base) + "=" + value + attributes());
    }

    void clear(Response response, String base) {
        response.getHeaders().add(HttpHeader.SET_COOKIE, name(base) + "=; Max-Age=0" + attributes());
    }

    private String attributes() {
        return "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }
}
