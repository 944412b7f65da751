package statelab.lb;

import java.nio.ByteBuffer;
import org.eclipse.jetty.server.Request;

/**
 * A client's request as the balancer forwards it, with what the balancer keeps about it between
 * Jetty's proxy callbacks: where the current attempt went, the sticky cookie to add to the answer,
 * whether the node began answering, how many attempts failed, and the body read for a retry.
 * Kept on the request object itself rather than in request attributes, which cost a map per
 * request on the proxy's hottest path.
 *
 * <p>{@link #backend()} is absent (null) before the first attempt and after the request left its
 * backend; {@link #setCookie()} is null when the policy pins nothing; {@link #body()} is null for a
 * request without a body.
 */
final class ForwardedRequest extends Request.Wrapper {
    private Backend backend;
    private String setCookie;
    private volatile boolean answerBegun;
    private int failedAttempts;
    private ByteBuffer body;
    private boolean resentOnNewConnection;

    ForwardedRequest(Request request) {
        super(request);
    }

    /** The next attempt goes to this backend; answers the backend the request leaves, or null. */
    synchronized Backend sendTo(BalancingPolicy.Choice choice) {
        Backend left = backend;
        backend = choice.backend();
        setCookie = choice.setCookie();
        return left;
    }

    /** The request is done with its backend (finished, or to be retried); answers it, or null when it had none. */
    synchronized Backend leaveBackend() {
        Backend left = backend;
        backend = null;
        return left;
    }

    synchronized Backend backend() {
        return backend;
    }

    String setCookie() {
        return setCookie;
    }

    void markAnswerBegun() {
        answerBegun = true;
    }

    boolean answerBegun() {
        return answerBegun;
    }

    /** Counts a failed attempt that is about to be retried. */
    synchronized int countFailedAttempt() {
        return ++failedAttempts;
    }

    /** True the first time only: a request is sent again on a new connection at most once. */
    synchronized boolean resendOnNewConnection() {
        boolean first = !resentOnNewConnection;
        resentOnNewConnection = true;
        return first;
    }

    synchronized int failedAttempts() {
        return failedAttempts;
    }

    void keepBody(ByteBuffer bytes) {
        body = bytes;
    }

    ByteBuffer body() {
        return body;
    }
}
