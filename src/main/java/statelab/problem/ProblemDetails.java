package statelab.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import statelab.json.Json;

/**
 * An RFC 9457 problem body: {@code type} ({@code urn:statelab:problem:<kind>}), {@code title},
 * {@code status}, {@code detail}, plus our {@code kind} (the {@link ProblemKind}'s key) and any
 * extension members. Immutable: {@link #with} answers a new problem, so a shared constant stays as
 * it was. Every server in the lab answers errors this way; none answers a stack trace. The detail is
 * our own sentence, never a parser's or a library's message.
 *
 * @param extensions extra members in order; a null value is written as JSON null
 */
public record ProblemDetails(ProblemKind kind, int status, String detail, Map<String, Object> extensions) {
    /** Every answer of the lab carries it: a browser must not guess a JSON answer into something it would run. */
    public static final String NOSNIFF_HEADER = "X-Content-Type-Options";
    public static final String NOSNIFF = "nosniff";

    public ProblemDetails {
        // Map.copyOf refuses null values, and null is a member value we write on purpose.
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** A problem of this kind with its usual status. */
    public static ProblemDetails of(ProblemKind kind, String detail) {
        return new ProblemDetails(kind, kind.status(), detail, Map.of());
    }

    /** A problem of this kind with the status HTTP dictates, such as a proxy's 502 for {@code node-down}. */
    public static ProblemDetails of(ProblemKind kind, int status, String detail) {
        return new ProblemDetails(kind, status, detail, Map.of());
    }

    /** This problem with one more extension member. */
    public ProblemDetails with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new ProblemDetails(kind, status, detail, more);
    }

    /** Every member as written, in order: type, title, status, detail, kind, then the extensions. */
    public Map<String, Object> members() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", "urn:statelab:problem:" + kind.key());
        members.put("title", kind.title());
        members.put("status", status);
        members.put("detail", detail);
        members.put("kind", kind.key());
        members.putAll(extensions);
        return Collections.unmodifiableMap(members);
    }

    public byte[] toJson() {
        try {
            return Json.writer().writeValueAsBytes(members());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem body could not be written", e);
        }
    }

    /** Writes the problem as the whole answer, with {@code Cache-Control: no-store} and {@code nosniff}. */
    public void write(Response response, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(NOSNIFF_HEADER, NOSNIFF);
        response.write(true, ByteBuffer.wrap(toJson()), callback);
    }
}
