package statelab.lb;

import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;

/**
 * The balancer's request handler: picks a backend with the {@link BalancingPolicy}, sends the request
 * on a pooled {@link UpstreamConnection} and relays the answer ({@link AnswerRelay}). It never blocks
 * (bodies are read asynchronously, connections are acquired and answers relayed by callbacks), so Jetty
 * runs it on the thread that parsed the request, and a request costs no thread hand-off.
 *
 * <p>The retry rule of RFC 9110 section 9.2.2 (bodies are read into memory first, see {@link
 * RequestBodies}, so a retry can send them again): a request whose connection was refused never reached
 * a server, so it is retried on the next healthy backend whatever its method, and that backend is
 * marked down at once, before the next health check would notice; a GET or HEAD that failed before any
 * answer began is idempotent and is retried too; a POST that reached a node is never sent twice, and never
 * goes out on a kept connection the node had already closed (the pool reads it first), so a POST right
 * after a node died finds the node refusing and is retried, like any refused request. There
 * are at most as many attempts as backends. Otherwise the caller gets 502 {@code node-down} (504 when the
 * node stopped answering for the idle timeout), or, when the answer was already under way, an aborted
 * connection: a truncated answer must not look complete.
 */
final class ForwardingHandler extends Handler.Abstract.NonBlocking {
    private final BackendPool pool;
    private final BalancingPolicy policy;
    private final LoadBalancerStats stats;
    private final UpstreamConnector upstreams;

    ForwardingHandler(BackendPool pool, BalancingPolicy policy, LoadBalancerStats stats, UpstreamConnector upstreams) {
        this.pool = pool;
        this.policy = policy;
        this.stats = stats;
        this.upstreams = upstreams;
        addBean(upstreams);
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
            readBodyThenForward(request, response, callback);
        } else {
            forward(request, response, callback);
        }
        return true;
    }

    /** The body is read into memory first, so that a retry after a refused connection can send it again. */
    private void readBodyThenForward(ForwardedRequest request, Response response, Callback callback) {
        if (RequestBodies.declaredTooLarge(request)) {
            LoadBalancerProblems.tooLarge(request, response, callback);
            return;
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
    }

    /** Sends the request to the policy's pick among the healthy backends, or answers node-down when there are none. */
    private void forward(ForwardedRequest request, Response response, Callback callback) {
        List<Backend> healthy = pool.healthy();
        if (healthy.isEmpty()) {
            nodeDown(request, response, callback);
        } else {
            forward(request, response, callback, policy.choose(request, healthy));
        }
    }

    private void nodeDown(Request request, Response response, Callback callback) {
        stats.countNodeDown();
        LoadBalancerProblems.nodeDown(request, response, callback);
    }

    private void forward(ForwardedRequest request, Response response, Callback callback, BalancingPolicy.Choice picked) {
        Backend backend = picked.backend();
        backend.enter();
        release(request.sendTo(picked));
        backend.countForwarded();
        stats.countForwarded();
        ByteBuffer body = request.body();
        String method = UpstreamRequestHead.method(request);
        ByteBuffer head = UpstreamRequestHead.encode(request, method, backend.authority(), body);
        boolean headRequest = "HEAD".equals(method);
        AnswerRelay relay = new AnswerRelay(this, request, response, callback);
        upstreams.poolFor(backend).acquire(Promise.from(
                connection -> connection.send(head, body, headRequest, relay), relay::onFailure), !mayResend(method));
    }

    /** Called once per failed attempt, by its {@link AnswerRelay}: retry, answer a problem, or abort. */
    void answerFailed(ForwardedRequest request, Response response, Callback callback, Throwable failure) {
        if (response.isCommitted()) {
            // Part of the answer is already with the client: failing the callback aborts its connection, so the
            // client sees a cut-off answer rather than one that looks complete.
            callback.failed(failure);
            return;
        }
        // A node that died after its answer's head left that head (status, Content-Length, Set-Cookie) on our
        // response; whatever we answer now starts afresh (NodeDyingMidAnswerTest).
        response.reset();
        Backend backend = request.backend();
        boolean refused = causedBy(failure, ConnectException.class);
        // The method as the node received it: a caller's "get" went out as GET, so it is retried as one.
        String method = UpstreamRequestHead.method(request);
        boolean idempotent = mayResend(method);
        if (idempotent && !request.answerBegun() && causedBy(failure, StaleConnectionException.class)
                && request.resendOnNewConnection()) {
            // The node closed a kept-alive connection while it sat idle: it may simply have timed it out, or it died a
            // moment ago and the close is all we have seen of it. Judging the node by that would keep a dead node in
            // rotation; a new connection tells the two apart (a dead node refuses it and is marked down below).
            upstreams.poolFor(backend).closeIdle();
            stats.countRetry();
            forward(request, response, callback, new BalancingPolicy.Choice(backend, request.setCookie()));
            return;
        }
        if (refused) {
            // Only a refused connection proves the node is gone. A failure in the middle of an exchange may be
            // the request's own doing, so it marks nothing down: the health checks find a dead node just as fast.
            pool.setHealth(backend, false);
        }
        if (!request.answerBegun() && (refused || idempotent) && request.failedAttempts() < pool.all().size()) {
            request.countFailedAttempt();
            stats.countRetry();
            List<Backend> healthy = pool.healthy();
            if (healthy.isEmpty()) {
                nodeDown(request, response, callback);
            } else {
                forward(request, response, callback, policy.failover(request, backend, pool.all(), healthy));
            }
            return;
        }
        if (refused && pool.healthy().isEmpty()) {
            // Out of attempts, and the last one found no node listening: every node is down, which the caller is told
            // as such (503 node-down, with Retry-After), not as a bad answer from one of them.
            nodeDown(request, response, callback);
            return;
        }
        Response.writeError(request, response, callback, causedBy(failure, TimeoutException.class) ? 504 : 502);
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

    /** Whether a request with this method (as sent to the node) may be sent again after a failure: GET and HEAD. */
    private static boolean mayResend(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
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
