package statelab.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An RFC 9457 problem body: {@code type} ({@code urn:statelab:problem:<kind>}), {@code title},
 * {@code status}, {@code detail}, plus our {@code kind} (the same kebab-case key as the type's last
 * part) and any extra members. Every server in the lab answers errors this way; none answers a
 * stack trace.
 */
public final class ProblemDetails {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every answer of the lab carries it: a browser must not guess a JSON answer into something it would run. */
    public static final String NOSNIFF_HEADER = "X-Content-Type-Options";
    public static final String NOSNIFF = "nosniff";

    private final Map<String, Object> members = new LinkedHashMap<>();

    private ProblemDetails(int status, String kind, String title, String detail) {
        members.put("type", "urn:statelab:problem:" + kind);
        members.put("title", title);
        members.put("status", status);
        members.put("detail", detail);
        members.put("kind", kind);
    }

    public static ProblemDetails of(int status, String kind, String title, String detail) {
        return new ProblemDetails(status, kind, title, detail);
    }

    /** Adds an extension member; a null value is written as JSON null. */
    public ProblemDetails with(String name, Object value) {
        members.put(name, value);
        return this;
    }

    public int status() {
        return (int) members.get("status");
    }

    public Map<String, Object> members() {
        return java.util.Collections.unmodifiableMap(members);
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(members);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem body could not be written", e);
        }
    }

    /** Writes the problem as the whole answer, with {@code Cache-Control: no-store} and {@code nosniff}. */
    public void write(Response response, Callback callback) {
        response.setStatus(status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(NOSNIFF_HEADER, NOSNIFF);
        response.write(true, ByteBuffer.wrap(toJson()), callback);
    }
}
