package statelab.node;

import statelab.problem.ProblemKind;
import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The lab's one origin policy, used by the nodes (for every POST) and by the page's server (for every
 * API request): a browser request is answered only when it is addressed to this server and comes from
 * this server's own pages. OWASP's CSRF rules (verify the origin with standard headers) plus the DNS
 * rebinding rule (a server with no credentials of its own must check {@code Host}).
 *
 * <ol>
 *   <li><b>Host</b>: with a host list (the page's server), {@code Host} must name one of them: the
 *       loopback names {@code localhost}, {@code 127.0.0.1}, {@code [::1]} with this server's own port,
 *       or a configured name ({@code name} for any port, {@code name:port} for one). A DNS-rebinding page
 *       reaches the server under its own name, so it fails here. Without a list (nodes, which their
 *       balancers reach under any name) every {@code Host} passes.</li>
 *   <li><b>Sec-Fetch-Site: cross-site</b>: the browser says another site caused the request: refused.</li>
 *   <li><b>Origin</b>: when present, it must name the same host and port as {@code Host} ({@code null} never does).
 *       Requests without it (curl, scripts, servers) are not a browser acting for another site and pass.</li>
 * </ol>
 * Refusals never repeat what the request said, so they cost nothing to log.
 */
public final class OriginPolicy {
    /** What the policy says of one request; {@link #ALLOWED} or the rule it broke. */
    public enum Verdict {
        ALLOWED(null, ""),
        FOREIGN_HOST(ProblemKind.UNKNOWN_HOST, "the request names a host this server is not served on"),
        CROSS_SITE(ProblemKind.CROSS_SITE_REQUEST, "the browser says another site sent the request"),
        FOREIGN_ORIGIN(ProblemKind.CROSS_SITE_REQUEST, "the request's Origin is not this site");

        private final ProblemKind kind;
        private final String detail;

        Verdict(ProblemKind kind, String detail) {
            this.kind = kind;
            this.detail = detail;
        }

        /** The problem kind of a refusal (null when allowed). */
        public ProblemKind kind() {
            return kind;
        }

        /** A fixed sentence saying why, with nothing taken from the request. */
        public String detail() {
            return detail;
        }
    }

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    /** Null: any host. Otherwise lower-case {@code name} (any port) or {@code name:port} entries. */
    private final Set<String> hosts;

    private OriginPolicy(Set<String> hosts) {
        this.hosts = hosts;
    }

    /** For servers reached under any name (nodes behind balancers): Sec-Fetch-Site and Origin only. */
    public static OriginPolicy anyHost() {
        return new OriginPolicy(null);
    }

    /**
     * For a server with no credentials of its own (the page's): the loopback names on its own port,
     * plus {@code extraHosts} ({@code name} or {@code name:port}, such as a name it is published under).
     */
    public static OriginPolicy servedOn(Collection<String> extraHosts) {
        return new OriginPolicy(extraHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet()));
    }

    /** Host, then Sec-Fetch-Site, then Origin. */
    public Verdict check(Request request) {
        return judge(request.getHeaders().get(HttpHeader.HOST), Request.getLocalPort(request),
                request.getHeaders().get(HttpHeader.ORIGIN), request.getHeaders().get("Sec-Fetch-Site"));
    }

    /** The Host rule alone, for answers that are the same for everyone (static files). */
    public boolean hostAllowed(Request request) {
        return hostAllowed(request.getHeaders().get(HttpHeader.HOST), Request.getLocalPort(request));
    }

    /** The whole policy on the header values ({@code null} when absent) and the port the request came in on. */
    Verdict judge(String host, int localPort, String origin, String fetchSite) {
        if (!hostAllowed(host, localPort)) {
            return Verdict.FOREIGN_HOST;
        }
        if ("cross-site".equalsIgnoreCase(fetchSite)) {
            return Verdict.CROSS_SITE;
        }
        if (origin != null && (host == null || !sameHostAndPort(origin, host))) {
            return Verdict.FOREIGN_ORIGIN;
        }
        return Verdict.ALLOWED;
    }

    boolean hostAllowed(String host, int localPort) {
        if (hosts == null) {
            return true;
        }
        HostAndPort named = HostAndPort.parse(host, 80);
        if (named == null) {
            return false;
        }
        if (LOOPBACK.contains(named.name())) {
            return named.port() == localPort;
        }
        return hosts.contains(named.name()) || hosts.contains(named.name() + ":" + named.port());
    }

    private static boolean sameHostAndPort(String origin, String host) {
        URI uri;
        try {
            uri = URI.create(origin);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null || !(("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())))) {
            return false;
        }
        int defaultPort = "https".equals(uri.getScheme()) ? 443 : 80;
        HostAndPort from = new HostAndPort(uri.getHost().toLowerCase(Locale.ROOT), uri.getPort() < 0 ? defaultPort : uri.getPort());
        HostAndPort to = HostAndPort.parse(host, defaultPort);
        return from.equals(to);
    }

    /** A lower-case host name (IPv6 in brackets) and a port. */
    private record HostAndPort(String name, int port) {
        /** Null when the text is no {@code name[:port]}. */
        static HostAndPort parse(String text, int defaultPort) {
            if (text == null || text.isEmpty()) {
                return null;
            }
            String lower = text.trim().toLowerCase(Locale.ROOT);
            int end = lower.startsWith("[") ? lower.indexOf(']') + 1 : 0;
            if (lower.startsWith("[") && end == 0) {
                return null;
            }
            int colon = lower.indexOf(':', end);
            String name = colon < 0 ? lower : lower.substring(0, colon);
            if (name.isEmpty() || Stream.of("/", "@", " ").anyMatch(name::contains)) {
                return null;
            }
            if (colon < 0) {
                return new HostAndPort(name, defaultPort);
            }
            try {
                int port = Integer.parseInt(lower.substring(colon + 1));
                return port > 0 && port < 65536 ? new HostAndPort(name, port) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
