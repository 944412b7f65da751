package statelab.lb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The bytes of the request head a backend receives: {@code METHOD path?query HTTP/1.1}, the caller's
 * end-to-end header lines in their order (hop-by-hop ones dropped, {@link HopByHopHeaders}), one
 * {@code Via} line naming this balancer (appended to the caller's own {@code Via}, if any), and the
 * framing of the body the balancer holds: {@code Content-Length} of {@code body}, never the caller's
 * chunking. A request without a {@code Host} gets the backend's authority. Always HTTP/1.1 upstream,
 * so the connection stays open for the next request.
 *
 * <p>A line whose name Jetty knows ({@link HttpHeader}) goes out with that name's usual spelling and its
 * value copied in one piece; any other line through Jetty's {@link HttpGenerator#putTo(HttpField, ByteBuffer)}.
 * Either way a control character in a value (CR, LF, NUL; not TAB) goes out as a space, so no value can
 * start a line of its own. The parser refuses such values anyway; the blanking is for values the balancer
 * builds itself. A character beyond Latin-1 goes out as {@code ?} on the first path and as a space on the
 * second: neither ends a line.
 */
final class UpstreamRequestHead {
    static final String VIA_HOST = "statelab-lb";
    private static final byte[] HTTP11_CRLF = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};

    private UpstreamRequestHead() {
    }

    /**
     * @param method the request's method as {@link #method} gives it
     * @param body the body that will follow the head, or null for none; a POST, PUT or PATCH without one
     *             still says {@code Content-Length: 0}, as a node may insist on a length
     */
    static ByteBuffer encode(Request request, String method, String backendAuthority, ByteBuffer body) {
        HttpFields fields = request.getHeaders();
        Set<String> named = HopByHopHeaders.namedByConnection(fields);
        String target = request.getHttpURI().getPathQuery();
        String via = via(request, fields.contains(HttpHeader.VIA) ? String.join(", ", fields.getValuesList(HttpHeader.VIA)) : null);
        int size = method.length() + target.length() + HTTP11_CRLF.length + via.length() + 64 + backendAuthority.length();
        for (HttpField field : fields) {
            size += field.getName().length() + field.getValue().length() + 4;
        }
        ByteBuffer head = ByteBuffer.allocate(size);
        head.put(method.getBytes(StandardCharsets.US_ASCII)).put((byte) ' ')
                .put(target.getBytes(StandardCharsets.ISO_8859_1)).put(HTTP11_CRLF);
        boolean host = false;
        for (HttpField field : fields) {
            HttpHeader header = field.getHeader();
            if (HopByHopHeaders.drop(field, named) || header == HttpHeader.CONTENT_LENGTH || header == HttpHeader.VIA
                    || header == HttpHeader.EXPECT) {
                // Length and chunking are re-framed below; Via is re-written with us in it; the body is already
                // read, so there is nothing left for a node to say "100 Continue" to.
                continue;
            }
            host |= header == HttpHeader.HOST;
            putLine(header, field, head);
        }
        if (!host) {
            putLine(HttpHeader.HOST, backendAuthority, head);
        }
        putLine(HttpHeader.VIA, via, head);
        if (body != null) {
            putLine(HttpHeader.CONTENT_LENGTH, Integer.toString(body.remaining()), head);
        } else if (expectsBody(method)) {
            putLine(HttpHeader.CONTENT_LENGTH, "0", head);
        }
        head.put((byte) '\r').put((byte) '\n');
        return head.flip();
    }

    private static void putLine(HttpHeader header, HttpField field, ByteBuffer head) {
        if (header == null) {
            HttpGenerator.putTo(field, head);
        } else {
            putLine(header, field.getValue(), head);
        }
    }

    /**
     * One {@code Name: value} line. Jetty's putTo writes a value a character and a buffer check at a time, which
     * cost about a microsecond per request for a 500-byte token cookie (JFR); one array copy and one pass over
     * it do the same work.
     */
    static void putLine(HttpHeader header, String value, ByteBuffer head) {
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (c < ' ' && c != '\t') {
                bytes[i] = ' ';
            }
        }
        head.put(header.getBytesColonSpace()).put(bytes).put(CRLF);
    }

    /**
     * The method as sent upstream: upper-cased, as Jetty's HTTP client did before this forwarder (through the
     * balancer a lower-case {@code get} has always arrived as GET; HostileInputIT pins that).
     */
    static String method(Request request) {
        return request.getMethod().toUpperCase(Locale.ROOT);
    }

    /** {@code 1.1 statelab-lb}, after the caller's own {@code Via} list when it has one (RFC 9110 section 7.6.3). */
    static String via(Request request, String callersVia) {
        String protocol = request.getConnectionMetaData().getProtocol();
        String version = protocol.startsWith("HTTP/") ? protocol.substring(5) : protocol;
        String ours = version + " " + VIA_HOST;
        return callersVia == null || callersVia.isBlank() ? ours : callersVia + ", " + ours;
    }

    private static boolean expectsBody(String method) {
        return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
    }
}
