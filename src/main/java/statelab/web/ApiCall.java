package statelab.web;

import statelab.problem.BoundedBody;
import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request on its way through a {@link Route}: the exchange itself and the path's named segments.
 *
 * @param params the route pattern's {@code {name}} segments, such as {@code id -> S1}
 */
record ApiCall(Request request, Response response, Callback callback, Map<String, String> params) {
    static final int MAX_BODY = 16 * 1024;

    String param(String name) {
        return params.get(name);
    }

    /** The request body as text; a 400 problem when it cannot be read, a 413 problem beyond {@value #MAX_BODY} bytes, as no action needs more. */
    String body() throws ProblemException {
        try {
            return new String(BoundedBody.await(request, MAX_BODY), StandardCharsets.UTF_8);
        } catch (BoundedBody.TooLarge e) {
            throw new ProblemException(ProblemKind.TOO_LARGE, "a request body may have at most " + MAX_BODY + " bytes");
        } catch (IOException e) {
            // Broken chunking, a cut-off body: the client's doing, answered as such.
            throw new ProblemException(ProblemKind.BAD_REQUEST, "the request body could not be read");
        }
    }
}
