package statelab.web;

import statelab.problem.LingeringClose;
import statelab.problem.ProblemKind;
import statelab.problem.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import statelab.lab.Lab;
import statelab.lab.LabEvent;
import statelab.node.OriginPolicy;
import statelab.json.Json;

/**
 * The page's JSON API (docs/API.md) as one routing table. Reads answer their document; actions
 * answer the new {@code /api/state}. Every refusal is a problem+json with a {@code kind}: 404 for an
 * unknown endpoint or node, 405 for a wrong method, 400 for a bad body (413 for a huge one), 403 for
 * a request from another site or under another host name (the lab's one {@link OriginPolicy}), 409 when the lab's state forbids the action; a failed action is also logged as an {@code error} event.
 * Paths outside {@code /api} are left to the next handler.
 */
final class ApiRoutes extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
    /** Twice the largest body an action takes: enough for any body sent in good faith past the limit. */
    private static final LingeringClose REFUSED_BODY = LingeringClose.upTo(2L * ApiCall.MAX_BODY);

    /** An endpoint that answers a JSON document. */
    @FunctionalInterface
    private interface Answer {
        JsonNode of(ApiCall call) throws Exception;
    }

    /** An action whose answer is the state after it. */
    @FunctionalInterface
    private interface Act {
        void run(ApiCall call) throws Exception;
    }

    static final int ECHO_CHARS = 80;

    private final Lab lab;
    private final StateJson state;
    private final List<Route> routes;
    private final OriginPolicy origins;

    ApiRoutes(Lab lab, StateJson state, LabActions actions, EventStream events, CompareMeasurement compare, RevocationDemo revocation,
              OriginPolicy origins, StateLabRuns labs) {
        this.lab = lab;
        this.origins = origins;
        this.state = state;
        this.routes = List.of(
                get("/api/clusters", c -> state.clusters()),
                get("/api/state", c -> state.document()),
                new Route("GET", "/api/events", c -> events.serve(c.request(), c.response(), c.callback())),
                get("/api/compare", c -> compare.latest()),
                get("/api/revocation", c -> revocation.latest()),
                post("/api/compare/run", c -> compare.run()),
                post("/api/revocation/run", c -> revocation.run()),
                act("/api/lab/next", c -> actions.next()),
                act("/api/lab/nodes/{id}/kill", c -> actions.kill(c.param("id"))),
                act("/api/lab/nodes/{id}/restart", c -> actions.restart(c.param("id"))),
                act("/api/lab/nodes/{id}/drain", c -> actions.drain(c.param("id"))),
                get("/api/labs", c -> labs.all()),
                get("/api/labs/{name}", c -> labs.latest(c.param("name"))),
                post("/api/labs/{name}/run", c -> labs.start(c.param("name"))),
                act("/api/lab/nodes", c -> actions.addNode()),
                act("/api/lab/redis/stop", c -> actions.redis(false)),
                act("/api/lab/redis/start", c -> actions.redis(true)),
                act("/api/lab/redis/kill-primary", c -> actions.killRedisPrimary()),
                act("/api/lab/redis/persistence", c -> actions.redisPersistence(JsonBody.on(c.body()))),
                act("/api/lab/jwt-revocation", c -> actions.jwtRevocation(JsonBody.on(c.body()))),
                act("/api/lab/reset", c -> actions.reset()));
    }

    @Override
    public boolean handle(Request request, Response response, Callback exchange) {
        String path = Request.getPathInContext(request);
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return false;
        }
        // A refusal (403, 404, 405, 413) can leave the body unread: its close must not be a reset.
        Callback callback = REFUSED_BODY.onRefusal(request, response, exchange);
        String method = request.getMethod();
        List<String> allowed = new ArrayList<>();
        for (Route route : routes) {
            Map<String, String> params = route.match(path);
            if (params != null && route.method().equals(method)) {
                serve(route, new ApiCall(request, response, callback, params), method + " " + route.pattern());
                return true;
            }
            if (params != null) {
                allowed.add(route.method());
            }
        }
        if (!allowed.isEmpty()) {
            response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", allowed));
            new ProblemException(ProblemKind.METHOD_NOT_ALLOWED, "use " + String.join(" or ", allowed) + " " + shortened(path))
                    .details().write(response, callback);
        } else {
            new ProblemException(ProblemKind.NOT_FOUND, "the API has no " + shortened(path) + " (see docs/API.md)").details().write(response, callback);
        }
        return true;
    }

    private void serve(Route route, ApiCall call, String request) {
        try {
            OriginPolicy.Verdict verdict = origins.check(call.request());
            if (verdict != OriginPolicy.Verdict.ALLOWED) {
                throw new ProblemException(verdict.kind(), verdict.detail() + "; the lab answers its own page only");
            }
            route.endpoint().serve(call);
        } catch (ProblemException e) {
            if (route.method().equals("POST")) {
                // The route's pattern and the kind only: nothing a caller wrote reaches the shared log.
                lab.publish(LabEvent.of("error", null, request + " refused: " + e.kind()));
            }
            e.details().write(call.response(), call.callback());
        } catch (Exception e) {
            LOG.error("{} failed", request, e);
            new ProblemException(ProblemKind.SERVER_ERROR, "the lab could not answer " + request + "; its log says why")
                    .details().write(call.response(), call.callback());
        }
    }

    /** A path as echoed to its own sender: at most {@value #ECHO_CHARS} characters of it. */
    static String shortened(String path) {
        return path.length() <= ECHO_CHARS ? path : path.substring(0, ECHO_CHARS) + "...";
    }

    private static Route get(String pattern, Answer answer) {
        return new Route("GET", pattern, c -> json(c, answer.of(c)));
    }

    private static Route post(String pattern, Answer answer) {
        return new Route("POST", pattern, c -> json(c, answer.of(c)));
    }

    private Route act(String pattern, Act act) {
        return new Route("POST", pattern, c -> {
            act.run(c);
            json(c, state.document());
        });
    }

    private static void json(ApiCall call, JsonNode document) throws JsonProcessingException {
        Response response = call.response();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(Json.writer().writeValueAsBytes(document)), call.callback());
    }
}
