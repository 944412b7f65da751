package statelab.node;

import java.util.Map;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import statelab.problem.ProblemDetails;
import statelab.problem.ProblemKind;
import statelab.session.SessionStrategy;
import statelab.session.jwt.JwtSessionStrategy;

/**
 * {@code GET /.well-known/jwks.json}: a jwt node publishes the public keys its tokens verify with
 * (the current one and those retired less than a token's lifetime ago), as a JWK set, so a node that
 * only verifies ({@code statelab node --jwks URL}) can fetch them. Public halves only; a node of any
 * other kind answers 404 {@code not-found}.
 */
final class PublishedKeys {
    static final String PATH = "/.well-known/jwks.json";

    private final NodeResponses out;
    private final SessionStrategy strategy;

    PublishedKeys(NodeResponses out, SessionStrategy strategy) {
        this.out = out;
        this.strategy = strategy;
    }

    void answer(Response response, Callback callback) {
        if (strategy instanceof JwtSessionStrategy jwt) {
            // toJSONObject(true): public halves only, whatever the set holds.
            Map<String, Object> body = jwt.publicKeys().toJSONObject(true);
            out.json(response, callback, 200, body);
        } else {
            out.problem(response, callback, ProblemDetails.of(ProblemKind.NOT_FOUND,
                    "only a jwt node publishes keys; this node keeps sessions " + strategy.id()));
        }
    }
}
