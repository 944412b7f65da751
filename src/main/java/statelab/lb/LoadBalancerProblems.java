package statelab.lb;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import statelab.problem.ProblemDetails;

/** The balancer's own answers, as RFC 9457 problem details. */
final class LoadBalancerProblems {
    private static final ProblemDetails NODE_DOWN = ProblemDetails.of(503, "node-down", "No node is up",
            "the load balancer has no healthy node to send this request to").with("node", null).with("user", null);

    private LoadBalancerProblems() {
    }

    static void nodeDown(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        NODE_DOWN.write(response, callback);
    }
}
