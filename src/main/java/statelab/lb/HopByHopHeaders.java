package statelab.lb;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The header lines that describe one connection rather than the message (RFC 9110 section 7.6.1), which a
 * proxy must not pass on in either direction: the fixed set below, and any header a {@code Connection}
 * line names. Everything else is end-to-end and is forwarded untouched.
 */
final class HopByHopHeaders {
    /** The same set Jetty's proxy drops; {@code Proxy-Connection} is the old non-standard spelling of {@code Connection}. */
    private static final Set<HttpHeader> FIXED = EnumSet.of(HttpHeader.CONNECTION, HttpHeader.KEEP_ALIVE,
            HttpHeader.PROXY_AUTHORIZATION, HttpHeader.PROXY_AUTHENTICATE, HttpHeader.PROXY_CONNECTION,
            HttpHeader.TRANSFER_ENCODING, HttpHeader.TE, HttpHeader.TRAILER, HttpHeader.UPGRADE);

    private HopByHopHeaders() {
    }

    /** Whether the field is hop-by-hop by its name alone (it may still be named by a {@code Connection} line). */
    static boolean fixed(HttpField field) {
        HttpHeader header = field.getHeader();
        return header != null && FIXED.contains(header);
    }

    /**
     * The lower-case names the message's {@code Connection} lines list; empty (the shared empty set, no
     * allocation) when there is no such line or it lists nothing, which is nearly always.
     */
    static Set<String> namedByConnection(HttpFields fields) {
        Set<String> named = Set.of();
        for (HttpField field : fields) {
            if (field.getHeader() == HttpHeader.CONNECTION) {
                named = addNames(named, field.getValue());
            }
        }
        return named;
    }

    /** Adds the names one {@code Connection} value lists to {@code named}; answers the set (a new one when named was empty). */
    static Set<String> addNames(Set<String> named, String connectionValue) {
        Set<String> result = named;
        for (String token : connectionValue.split(",")) {
            String name = token.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || "close".equals(name) || "keep-alive".equals(name)) {
                continue; // options of the connection itself, not header names worth a set
            }
            if (result.isEmpty()) {
                result = new HashSet<>();
            }
            result.add(name);
        }
        return result;
    }

    /** Whether the field must not be forwarded: hop-by-hop by name, or named by the message's {@code Connection} lines. */
    static boolean drop(HttpField field, Set<String> namedByConnection) {
        return fixed(field) || (!namedByConnection.isEmpty() && namedByConnection.contains(field.getLowerCaseName()));
    }
}
