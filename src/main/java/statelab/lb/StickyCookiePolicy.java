package statelab.lb;

import java.util.List;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.server.Request;

/**
 * Session affinity by a cookie the balancer inserts itself, as HAProxy's {@code cookie SRV insert}
 * does: a client without the cookie (or whose pinned backend is gone or unhealthy) is placed by
 * round-robin and pinned with a fresh cookie; a client with a valid cookie goes to its backend.
 * The cookie value is an opaque HMAC token, never the backend's address.
 */
public final class StickyCookiePolicy implements BalancingPolicy {
    public static final String COOKIE = "lb";

    private final BackendPool pool;
    private final String attributes;
    private final RoundRobinPolicy firstPlacement = new RoundRobinPolicy();

    public StickyCookiePolicy(BackendPool pool) {
        this(pool, false);
    }

    /** @param secure whether the balancer is served over HTTPS, so its cookie is marked {@code Secure} */
    public StickyCookiePolicy(BackendPool pool, boolean secure) {
        this.pool = pool;
        this.attributes = "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    @Override
    public Choice choose(Request request, List<Backend> healthy) {
        return chooseFor(affinityCookie(request), healthy);
    }

    /**
     * The pick for a client holding this affinity cookie value (null when it has none): its pinned
     * backend while that is healthy, otherwise a new placement and a fresh cookie.
     */
    Choice chooseFor(String affinity, List<Backend> healthy) {
        if (affinity != null) {
            for (Backend backend : healthy) {
                if (backend.affinityToken().equals(affinity)) {
                    return new Choice(backend, null);
                }
            }
        }
        return pin(firstPlacement.next(healthy));
    }

    /** The client is re-pinned to wherever the retry lands. */
    @Override
    public Choice failover(Request request, Backend failed, List<Backend> all, List<Backend> healthy) {
        return pin(BalancingPolicy.super.failover(request, failed, all, healthy).backend());
    }

    private Choice pin(Backend backend) {
        return new Choice(backend, COOKIE + "=" + backend.affinityToken() + attributes);
    }

    private static String affinityCookie(Request request) {
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(COOKIE)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    @Override
    public void reset() {
        firstPlacement.reset();
    }

    @Override
    public String id() {
        return "sticky-cookie";
    }
}
