package statelab.lb;

import java.net.ConnectException;
import java.util.List;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.client.ByteBufferRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's {@link ProxyHandler} with a balancing policy choosing the upstream for each request, and
 * with the retry rule of RFC 9110 section 9.2.2 (bodies are read into memory first, see
 * {@link RequestBodies}, so a retry can send them again): a request that failed to connect never reached a
 * server, so it is retried on the next healthy backend whatever its method; a GET or HEAD that
 * failed before any answer began is idempotent and is retried too; a POST that reached a node is
 * never sent twice. A backend that refuses a connection is marked down at once, before the next
 * health check would notice.
 */
final class BalancingProxyHandler extends ProxyHandler {
    private final BackendPool pool;
    private final BalancingPolicy policy;
    private final LoadBalancerStats stats;

    private final ThreadPool threadPool;

    BalancingProxyHandler(BackendPool pool, BalancingPolicy policy, ThreadPool threadPool, LoadBalancerStats stats) {
        this.pool = pool;
        this.policy = policy;
        this.stats = stats;
        this.threadPool = threadPool;
        setViaHost("statelab-lb");
    }

    /** The proxy's client runs on the lab's shared pool rather than a pool of its own per balancer. */
    @Override
    protected HttpClient newHttpClient() {
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(threadPool);
        connector.setConnectTimeout(Duration.ofSeconds(1));
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(connector);
        // Every listener of this client only hands bytes on or records a health check, and never blocks, so
        // the client's selector runs them itself instead of waking a pool thread for each node's answer.
        transport.setInvocationType(InvocationType.NON_BLOCKING);
        transport.setHeaderCacheSize(0);
        HttpClient client = new HttpClient(transport);
        client.setExecutor(threadPool);
        client.setMaxConnectionsPerDestination(512);
        client.setIdleTimeout(30_000);
        // The client's own "User-Agent: Jetty/..." would go out beside the caller's, and a request carries one at most.
        client.setUserAgentField(null);
        return client;
    }

    /**
     * Forwarding never blocks a thread (the upstream exchange and the copying of bodies are
     * asynchronous), so Jetty may run it on the thread that parsed the request instead of starting
     * a virtual thread for every request, which on a two-core machine was a large part of what a
     * proxied request cost.
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request incoming, Response response, Callback original) {
        if (LoadBalancerProblems.isServerWideOptions(incoming)) {
            LoadBalancerProblems.serverWideOptions(response, original);
            return true;
        }
        ForwardedRequest request = new ForwardedRequest(incoming);
        // Whatever backend the request ends on is told when it finishes, so a drain knows when a backend is idle.
        Callback callback = Callback.from(original, () -> leave(request));
        if (RequestBodies.present(request)) {
            return readBodyThenForward(request, response, callback);
        }
        return forward(request, response, callback);
    }

    /** Sends the request to the policy's pick among the healthy backends, or answers node-down when there are none. */
    private boolean forward(ForwardedRequest request, Response response, Callback callback) {
        List<Backend> healthy = pool.healthy();
        if (healthy.isEmpty()) {
            return nodeDown(request, response, callback);
        }
        return forward(request, response, callback, policy.choose(request, healthy));
    }

    private boolean nodeDown(Request request, Response response, Callback callback) {
        stats.countNodeDown();
        LoadBalancerProblems.nodeDown(request, response, callback);
        return true;
    }

    /** The body is read into memory first, so that a retry after a refused connection can send it again. */
    private boolean readBodyThenForward(ForwardedRequest request, Response response, Callback callback) {
        if (RequestBodies.declaredTooLarge(request)) {
            LoadBalancerProblems.tooLarge(request, response, callback);
            return true;
        }
        RequestBodies.read(request).whenComplete((body, failure) -> {
            if (failure != null) {
                // Over the limit, cut off, or badly framed: the client's doing, and no node's.
                LoadBalancerProblems.unreadableBody(request, response, callback, failure);
            } else {
                request.keepBody(body);
                forward(request, response, callback);
            }
        });
        return true;
    }

    /** Every attempt sends the same bytes, read once from the client. */
    @Override
    protected org.eclipse.jetty.client.Request.Content newProxyToServerRequestContent(
            Request request, Response response, org.eclipse.jetty.client.Request upstream) {
        if (request instanceof ForwardedRequest forwarded && forwarded.body() != null) {
            ByteBuffer body = forwarded.body();
            return new ByteBufferRequestContent(request.getHeaders().get(HttpHeader.CONTENT_TYPE), body.slice());
        }
        return super.newProxyToServerRequestContent(request, response, upstream);
    }

    private boolean forward(ForwardedRequest request, Response response, Callback callback, BalancingPolicy.Choice picked) {
        picked.backend().enter();
        release(request.sendTo(picked));
        picked.backend().countForwarded();
        stats.countForwarded();
        return super.handle(request, response, callback);
    }

    /** The request no longer goes to the backend it was sent to (it finished, or is retried elsewhere). */
    private void leave(ForwardedRequest request) {
        release(request.leaveBackend());
    }

    private void release(Backend backend) {
        if (backend != null) {
            pool.released(backend, backend.leave());
        }
    }

    /** Only a {@code Via} header: the nodes read no {@code Forwarded} header, and building one cost more than the rest. */
    @Override
    protected void addProxyHeaders(Request request, org.eclipse.jetty.client.Request upstream) {
        addViaHeader(request, upstream);
    }

    @Override
    protected HttpURI rewriteHttpURI(Request request) {
        Backend backend = ((ForwardedRequest) request).backend();
        HttpURI incoming = request.getHttpURI();
        return HttpURI.build(incoming)
                .scheme(backend.uri().getScheme())
                .host(backend.uri().getHost())
                .port(backend.uri().getPort());
    }

    @Override
    protected org.eclipse.jetty.client.Response.CompleteListener newServerToProxyResponseListener(
            Request request, org.eclipse.jetty.client.Request upstream, Response response, Callback callback) {
        return new ProxyResponseListener(request, upstream, response, callback) {
            @Override
            public void onBegin(org.eclipse.jetty.client.Response answer) {
                ((ForwardedRequest) request).markAnswerBegun();
                super.onBegin(answer);
            }

            @Override
            public void onHeaders(org.eclipse.jetty.client.Response answer) {
                super.onHeaders(answer);
                if (((ForwardedRequest) request).setCookie() instanceof String cookie) {
                    response.getHeaders().add(HttpHeader.SET_COOKIE, cookie);
                }
            }
        };
    }

    @Override
    protected void onServerToProxyResponseFailure(Request incoming, org.eclipse.jetty.client.Request upstream,
                                                  org.eclipse.jetty.client.Response answer, Response response,
                                                  Callback callback, Throwable failure) {
        ForwardedRequest request = (ForwardedRequest) incoming;
        boolean begun = request.answerBegun() || response.isCommitted();
        if (!response.isCommitted()) {
            // A node that died after its answer's head left that head (status, Content-Length, Set-Cookie) on our
            // response: Jetty's error write keeps headers, so the problem body would break the node's length and
            // Jetty would turn the 502 into a 500 (NodeDyingMidAnswerTest). Whatever we answer now starts afresh.
            response.reset();
        }
        if (clientsFault(failure)) {
            // The client's own request broke (a malformed or cut-off body): the node is not to blame, so it
            // is neither marked down nor tried again, and the client is told 400.
            Response.writeError(request, response, callback, 400);
            return;
        }
        if (causedBy(failure, request.lastFailure())) {
            // A retry that failed with the failure of the attempt before it (the request's body went with that
            // attempt): this backend is not to blame, and another retry would fail the same way.
            super.onServerToProxyResponseFailure(request, upstream, answer, response, callback, failure);
            return;
        }
        Backend backend = request.backend();
        boolean refused = causedBy(failure, ConnectException.class);
        boolean idempotent = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (refused) {
            // Only a refused connection proves the node is gone. A failure in the middle of an exchange may be
            // the request's own doing (a body the node would not read), so it marks nothing down: the health
            // checks, and the next refused connection, find a dead node just as fast.
            pool.setHealth(backend, false);
        }
        if (!begun && (refused || idempotent) && request.failedAttempts() < pool.all().size()) {
            request.countFailedAttempt(failure);
            stats.countRetry();
            List<Backend> healthy = pool.healthy();
            if (healthy.isEmpty()) {
                nodeDown(request, response, callback);
            } else {
                forward(request, response, callback, policy.failover(request, backend, pool.all(), healthy));
            }
            return;
        }
        super.onServerToProxyResponseFailure(request, upstream, answer, response, callback, failure);
    }

    /** Whether reading the client's request failed (Jetty's 4xx), rather than the exchange with the node. */
    private static boolean clientsFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.client.HttpResponseException) {
                return false;
            }
            if (t instanceof org.eclipse.jetty.http.HttpException e && e.getCode() >= 400 && e.getCode() < 500) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable failure, Object earlier) {
        for (Throwable t = failure; t != null && earlier != null; t = t.getCause()) {
            if (t == earlier) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
