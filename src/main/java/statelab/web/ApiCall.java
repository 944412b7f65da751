package statelab.web;

import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.io.Content;
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
        byte[] bytes;
        try {
            bytes = Content.Source.asInputStream(request).readNBytes(MAX_BODY + 1);
        } catch (IOException | RuntimeException e) {
            // Broken chunking, a cut-off body: the client's doing, answered as such.
            throw new ProblemException(ProblemKind.BAD_REQUEST, "the request body could not be read");
        }
        if (bytes.length > MAX_BODY) {
            throw new ProblemException(ProblemKind.TOO_LARGE, "a request body may have at most " + MAX_BODY + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
