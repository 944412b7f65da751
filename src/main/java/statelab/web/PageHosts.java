package statelab.web;

import statelab.problem.ProblemException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import statelab.node.OriginPolicy;

/**
 * Answers only requests addressed to a host the page is served on ({@link OriginPolicy#hostAllowed}):
 * a page that rebinds its own DNS name to 127.0.0.1 reaches this server under that name and is told
 * 421 {@code unknown-host}, for the API, the event stream and the static files alike.
 */
final class PageHosts extends Handler.Wrapper {
    private final OriginPolicy origins;

    PageHosts(OriginPolicy origins, Handler handler) {
        super(handler);
        this.origins = origins;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!origins.hostAllowed(request)) {
            OriginPolicy.Verdict refused = OriginPolicy.Verdict.FOREIGN_HOST;
            new ProblemException(refused.kind(), refused.detail() + "; open the lab at http://localhost:PORT/")
                    .details().write(response, callback);
            return true;
        }
        return super.handle(request, response, callback);
    }
}
