package statelab.lb.haproxy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import statelab.lb.BalancingPolicies;

/**
 * Writes the HAProxy configuration of one cluster's balancer, with the lab's balancing rules:
 * round-robin in the order servers were added; for {@code sticky-cookie}, HAProxy's own inserted
 * cookie (opaque, a keyed hash of the server's address); a {@code GET /health} check every 250 ms,
 * one good answer to come back and three failures to go down, while a refused or reset connection
 * in real traffic marks a server down at once (our balancer's rule); a request that could not
 * connect is retried on the next server, body included (bodies are buffered first); bodies over
 * 1 MiB are refused; HAProxy's own errors are RFC 9457 problem bodies ({@link HaproxyErrorPages}).
 * Usable on its own (the {@code haproxy-config} command prints one).
 *
 * @param listen       where clients connect, such as {@code 127.0.0.1:8081}
 * @param policy       {@code round-robin} or {@code sticky-cookie}
 * @param servers      the backends in order; may be empty (servers are then added at run time)
 * @param adminSocket  the runtime API's Unix socket, or null for none
 * @param errorPages   the folder of {@link HaproxyErrorPages}, or null for HAProxy's own pages
 * @param tlsPem       a PEM file with certificate and key to answer HTTPS only, or null for plain HTTP
 * @param cookieSecret the key of the sticky cookie's hash
 */
public record HaproxyConfig(String listen, String policy, List<URI> servers, Path adminSocket, Path errorPages,
                            Path tlsPem, String cookieSecret) {
    /** The sticky cookie's name, the same as our balancer's. */
    public static final String COOKIE = "lb";
    public static final String BACKEND = "nodes";
    public static final Duration CHECK_INTERVAL = Duration.ofMillis(250);
    /** Failed checks in a row before a server is marked down (HAProxy's {@code fall}). */
    public static final int FALL = 3;
    public static final int MAX_BODY_BYTES = statelab.lb.Balancer.MAX_BODY_BYTES;

    public HaproxyConfig {
        servers = List.copyOf(servers);
    }

    /** The name a backend's server has in the configuration and the runtime API. */
    public static String serverName(URI backend) {
        String host = backend.getHost();
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.equals("[::1]");
        // Nodes on other hosts often share a port (app1:8081, app2:8081): their names carry the host too.
        return loopback ? "node-" + backend.getPort() : "node-" + host.replaceAll("[^A-Za-z0-9]", "-") + "-" + backend.getPort();
    }

    /**
     * The server line's options, shared by the configuration and the runtime API's {@code add server}. The
     * idle-connection pool is set on purpose: HAProxy 2.6 gives a server from the configuration file one
     * (purge delay 5 s, no cap), but one added through the runtime API none (0 and 0), and it then opened a
     * new connection to that node for every request (docs/BENCHMARKS.md, round 7).
     */
    public static String serverOptions() {
        return "check inter " + CHECK_INTERVAL.toMillis() + "ms rise 1 fall " + FALL
                + " observe layer4 error-limit 1 on-error mark-down pool-purge-delay 5s pool-max-conn -1";
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("# StateLab balancer: one cluster's nodes behind HAProxy (generated; see statelab.lb.haproxy)\n");
        out.append("global\n");
        out.append("  maxconn 1024\n");
        out.append("  hard-stop-after 5s\n");
        if (System.getenv("STATELAB_HAPROXY_DEBUG") != null) {
            out.append("  log stdout format raw local0 info\n");
        }
        if (adminSocket != null) {
            out.append("  stats socket ").append(adminSocket).append(" mode 600 level admin\n");
        }
        out.append("\ndefaults\n");
        out.append("  mode http\n");
        if (System.getenv("STATELAB_HAPROXY_DEBUG") != null) {
            out.append("  log global\n  option httplog\n");
        }
        out.append("  timeout connect 1s\n  timeout client 30s\n  timeout server 30s\n");
        out.append("  timeout http-request 10s\n  timeout http-keep-alive 30s\n  timeout check 1s\n");
        out.append("  retries 3\n  option redispatch 1\n  retry-on conn-failure\n");
        if (errorPages != null) {
            for (int status : HaproxyErrorPages.STATUSES) {
                out.append("  errorfile ").append(status).append(' ').append(errorPages.resolve(status + ".http")).append('\n');
            }
        }
        out.append("\nfrontend lb\n");
        out.append("  bind ").append(listen);
        if (tlsPem != null) {
            out.append(" ssl crt ").append(tlsPem).append(" ssl-min-ver TLSv1.2 alpn http/1.1");
        }
        out.append('\n');
        out.append("  http-request deny deny_status 413 if { req.hdr_val(content-length) gt ").append(MAX_BODY_BYTES).append(" }\n");
        // Buffer the body (for the retry of a refused POST) only after the size check: with
        // `option http-buffer-request` HAProxy would first wait for a body it is about to refuse.
        out.append("  http-request wait-for-body time 10s\n");
        out.append("  default_backend ").append(BACKEND).append('\n');
        out.append("\nbackend ").append(BACKEND).append('\n');
        out.append("  balance roundrobin\n");
        out.append("  option httpchk GET /health\n  http-check expect status 200\n");
        if (BalancingPolicies.STICKY_COOKIE.equals(policy)) {
            out.append("  cookie ").append(COOKIE).append(" insert indirect nocache httponly")
                    .append(tlsPem != null ? " secure" : "").append(" dynamic attr \"SameSite=Lax\"\n");
            out.append("  dynamic-cookie-key ").append(cookieSecret).append('\n');
        } else if (!BalancingPolicies.ROUND_ROBIN.equals(policy)) {
            throw new IllegalArgumentException("HAProxy runs round-robin or sticky-cookie, not '" + policy + "'");
        }
        out.append("  default-server ").append(serverOptions()).append('\n');
        for (URI server : servers) {
            out.append("  server ").append(serverName(server)).append(' ')
                    .append(server.getHost()).append(':').append(server.getPort()).append('\n');
        }
        return out.toString();
    }
}
