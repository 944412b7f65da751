package statelab.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import statelab.scenario.CookieJar;

/**
 * The scenario client's cookie jar against any {@code Set-Cookie} headers a server could send (one per
 * line of the input): it never throws, the {@code Cookie} header it sends back parses into exactly what
 * it holds, and a cookie the server last cleared ({@code Max-Age=0} or an empty value) is never sent.
 */
class CookieJarFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void any_set_cookie_headers_leave_the_jar_consistent(byte[] input) {
        // What an HTTP client hands over as header values: no CR, LF or NUL survives header parsing.
        String text = new String(input, StandardCharsets.ISO_8859_1).replace("\r", "").replace("\u0000", "");
        List<String> headers = Arrays.asList(text.split("\n", -1));
        CookieJar jar = new CookieJar();

        jar.accept(headers);

        Map<String, String> sent = parse(jar.header());
        sent.forEach((name, value) -> assertThat(jar.get(name)).as("cookie %s", name).isEqualTo(value));
        for (String header : headers) {
            String[] parts = header.split(";", -1);
            int eq = parts[0].indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = parts[0].substring(0, eq).trim();
            if (lastWordOn(headers, name).equals("cleared")) {
                assertThat(sent).as("a cleared cookie is not sent: %s", name).doesNotContainKey(name);
            }
        }
    }

    /** Whether the last header naming this cookie set it or cleared it. */
    private static String lastWordOn(List<String> headers, String name) {
        String word = "none";
        for (String header : headers) {
            String[] parts = header.split(";", -1);
            int eq = parts[0].indexOf('=');
            if (eq <= 0 || !parts[0].substring(0, eq).trim().equals(name)) {
                continue;
            }
            boolean cleared = parts[0].substring(eq + 1).trim().isEmpty();
            for (int i = 1; i < parts.length; i++) {
                String attribute = parts[i].trim().toLowerCase(Locale.ROOT);
                cleared |= attribute.equals("max-age=0") || attribute.startsWith("max-age=-");
            }
            word = cleared ? "cleared" : "set";
        }
        return word;
    }

    private static Map<String, String> parse(String cookieHeader) {
        Map<String, String> cookies = new LinkedHashMap<>();
        if (cookieHeader.isEmpty()) {
            return cookies;
        }
        for (String pair : cookieHeader.split("; ", -1)) {
            int eq = pair.indexOf('=');
            assertThat(eq).as("a name=value pair: %s", pair).isGreaterThanOrEqualTo(0);
            cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return cookies;
    }
}
