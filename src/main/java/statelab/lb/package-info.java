/**
 * The load balancer: a real HTTP reverse proxy (a Jetty server and keep-alive connections of its own to the nodes) on its own port,
 * choosing a backend per request with a {@link statelab.lb.BalancingPolicy}. It knows its backends
 * only as URIs: not their names, not where they keep sessions.
 *
 * <pre>
 *   client ──HTTP──▶ LoadBalancer ──HTTP──▶ node S1 / S2 / S3 ──▶ session store
 *   (cookie jar)     │ policy picks a         (AppNode)            in-memory: the node's RAM
 *                    │ healthy backend                             redis:     one Redis, shared
 *                    │ sticky: sets "lb"                           jwt:       nowhere (the token)
 *                    │ health checks every 250 ms
 *                    └ connect refused ⇒ mark down, retry on the next healthy backend
 * </pre>
 *
 * <p>Retries follow RFC 9110 section 9.2.2: a request that never reached a server (refused
 * connection) is retried whatever its method; a GET or HEAD that failed before any answer began is
 * retried; a POST that reached a node is never sent twice. With no healthy backend the balancer
 * answers 503 {@code node-down} as a problem body.
 */
package statelab.lb;
