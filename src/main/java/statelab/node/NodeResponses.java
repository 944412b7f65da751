package statelab.node;

import statelab.problem.ProblemKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import statelab.problem.ProblemDetails;
import statelab.session.FailureKind;
import statelab.session.RequestTrace;
import statelab.json.Json;

/**
 * Writes a node's answers: JSON bodies for success, RFC 9457 problem details for failures, and the
 * {@code X-Served-By} header on both. Problem types are {@code urn:statelab:problem:<kind>}.
 */
final class NodeResponses {
    static final String SERVED_BY = "X-Served-By";

    private final String nodeId;

    NodeResponses(String nodeId) {
        this.nodeId = nodeId;
    }

    void json(Response response, Callback callback, int status, Map<String, Object> body) {
        Map<String, Object> withNode = new LinkedHashMap<>();
        withNode.put("node", nodeId);
        withNode.putAll(body);
        write(response, callback, status, withNode);
    }

    /** A binary answer (an avatar): the node's header, no caching, and no sniffing past the declared type. */
    void bytes(Response response, Callback callback, String contentType, byte[] bytes) {
        response.setStatus(200);
        response.getHeaders().put(SERVED_BY, nodeId);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        traceHeaders(response);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    void failure(Response response, Callback callback, FailureKind kind, String detail) {
        failure(response, callback, kind, detail, Map.of());
    }

    /** A failure with extension members, such as {@code retryAfter} (seconds) for {@code rate-limited}. */
    void failure(Response response, Callback callback, FailureKind kind, String detail, Map<String, Object> extra) {
        ProblemDetails problem = ProblemDetails.of(problemKind(kind), detail);
        for (Map.Entry<String, Object> member : extra.entrySet()) {
            problem = problem.with(member.getKey(), member.getValue());
        }
        problem(response, callback, problem);
    }

    /** The problem kind a session failure is answered with: the same key (FailureKindTest holds them together). */
    static ProblemKind problemKind(FailureKind kind) {
        return ProblemKind.fromKey(kind.key())
                .orElseThrow(() -> new IllegalStateException("no problem kind for the failure " + kind.key()));
    }

    /** Writes a problem as this node's answer: {@code node} names it, {@code user} is null. */
    void problem(Response response, Callback callback, ProblemDetails problem) {
        response.getHeaders().put(SERVED_BY, nodeId);
        traceHeaders(response);
        problem.with("node", nodeId).with("user", null).write(response, callback);
    }

    private void write(Response response, Callback callback, int status, Map<String, Object> body) {
        response.setStatus(status);
        response.getHeaders().put(SERVED_BY, nodeId);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(ProblemDetails.NOSNIFF_HEADER, ProblemDetails.NOSNIFF);
        traceHeaders(response);
        try {
            byte[] bytes = Json.writer().writeValueAsBytes(body);
            response.write(true, ByteBuffer.wrap(bytes), callback);
        } catch (JsonProcessingException e) {
            callback.failed(e);
        }
    }

    /** Reports what the session layer cost this request; read by the lab's wire view and figures. */
    private static void traceHeaders(Response response) {
        // Milliseconds with three decimals, as %.3f would give, without a Formatter on every answer.
        long micros = (RequestTrace.sessionNanos() + 500) / 1_000;
        long fraction = micros % 1_000;
        response.getHeaders().put("Server-Timing", "session;dur=" + micros / 1_000 + "."
                + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + fraction);
        List<String> commands = RequestTrace.commands();
        if (!commands.isEmpty()) {
            response.getHeaders().put("X-Store-Commands", String.join(" ", commands));
        }
    }

}
