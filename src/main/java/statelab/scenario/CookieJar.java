package statelab.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One client's cookies for one site, as a browser would keep them for the lab: set by
 * {@code Set-Cookie}, removed by {@code Max-Age=0}, sent back as one {@code Cookie} header.
 * Attributes other than Max-Age are not interpreted (every lab cookie is {@code Path=/}).
 */
public final class CookieJar {
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** Applies the {@code Set-Cookie} headers of one answer. */
    public synchronized void accept(List<String> setCookies) {
        for (String header : setCookies) {
            String[] parts = header.split(";", -1);
            int eq = parts[0].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = parts[0].substring(0, eq).trim();
            String value = parts[0].substring(eq + 1).trim();
            boolean expired = false;
            for (int i = 1; i < parts.length; i++) {
                String attribute = parts[i].trim().toLowerCase(java.util.Locale.ROOT);
                expired |= attribute.equals("max-age=0") || attribute.startsWith("max-age=-");
            }
            if (expired || value.isEmpty()) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    /** The {@code Cookie} header to send, or empty when the jar is empty. */
    public synchronized String header() {
        return cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
    }

    /** The value of one cookie, or null. */
    public synchronized String get(String name) {
        return cookies.get(name);
    }

    public synchronized void put(String name, String value) {
        cookies.put(name, value);
    }

    public synchronized void clear() {
        cookies.clear();
    }
}
