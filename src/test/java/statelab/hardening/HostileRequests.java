package statelab.hardening;

import static statelab.hardening.Hostile.get;
import static statelab.hardening.Hostile.plain;
import static statelab.hardening.Hostile.post;
import static statelab.hardening.Hostile.send;
import static statelab.hardening.Hostile.utf8;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import statelab.TestLab;
import statelab.hardening.Hostile.Expected;

/**
 * Hostile requests that still parse as HTTP: cookies and headers, bodies, methods and paths. Each
 * expects the node's (or Jetty's) own 4xx problem, never a 5xx.
 */
final class HostileRequests {
    private static final String JSON = "application/json";
    private static final String ID_A = "A".repeat(43);
    private static final String ID_B = "B".repeat(43);

    private HostileRequests() {
    }

    static List<Hostile> cookiesAndHeaders() {
        List<Hostile> inputs = new ArrayList<>();
        inputs.add(plain("two different credential cookies", 400, "bad-credential",
                (t, h) -> get("/profile", h, "Cookie: " + t.cookie() + "=" + ID_A + "; " + t.cookie() + "=" + ID_B)));
        inputs.add(plain("the same credential cookie twice", t -> Expected.of(401, "not-recognised", "bad-credential"),
                (t, h) -> get("/profile", h, "Cookie: " + t.cookie() + "=" + ID_A + "; " + t.cookie() + "=" + ID_A)));
        inputs.add(plain("a 10 kB cookie", 431, "headers-too-large",
                (t, h) -> get("/profile", h, "Cookie: " + t.cookie() + "=" + "x".repeat(10_240))));
        inputs.add(plain("100 cookies", 401, "not-recognised", (t, h) -> get("/profile", h, "Cookie: "
                + IntStream.range(0, 100).mapToObj(i -> "c" + i + "=v" + i).collect(Collectors.joining("; ")))));
        inputs.add(plain("a header over Jetty's 8 kB limit", 431, "headers-too-large",
                (t, h) -> get("/profile", h, "X-Padding: " + "p".repeat(9_000))));
        inputs.add(plain("200 small headers", 401, "not-recognised", (t, h) -> get("/profile", h,
                IntStream.range(0, 200).mapToObj(i -> "X-H" + i + ": " + i).toArray(String[]::new))));
        inputs.add(plain("raw UTF-8 bytes in the credential cookie", t -> Expected.of(401, "not-recognised", "bad-credential"),
                (t, h) -> get("/profile", h, "Cookie: " + t.cookie() + "=caf\u00c3\u00a9-\u00e2\u0098\u0083")));
        inputs.add(plain("Latin-1 0xFF bytes in a header", 401, "not-recognised",
                (t, h) -> get("/profile", h, "X-Junk: \u00ff\u00fe\u00fd")));
        inputs.add(plain("control byte 0x01 in the cookie", 400, "bad-request",
                (t, h) -> get("/profile", h, "Cookie: " + t.cookie() + "=ab\u0001cd")));
        inputs.add(plain("NUL byte in a header", 400, "bad-request", (t, h) -> get("/profile", h, "X-Nul: a\u0000b")));
        inputs.add(plain("a header name with a space", 400, "bad-request", (t, h) -> get("/profile", h, "X Bad: 1")));
        inputs.add(plain("a header line without a colon", 400, "bad-request", (t, h) -> get("/profile", h, "JustAName")));
        inputs.add(plain("an empty Cookie header", 401, "not-recognised", (t, h) -> get("/profile", h, "Cookie: ")));
        inputs.add(plain("a cookie with no name", 401, "not-recognised", (t, h) -> get("/profile", h, "Cookie: =" + ID_A)));
        inputs.add(plain("a quoted credential cookie", t -> Expected.of(401, "not-recognised", "bad-credential"),
                (t, h) -> get("/profile", h, "Cookie: " + t.cookie() + "=\"" + ID_A + "\"")));
        inputs.add(plain("Authorization with the Basic scheme", t -> Expected.of(401, t.jwt() ? "bad-credential" : "not-recognised"),
                (t, h) -> get("/profile", h, "Authorization: Basic YWxpY2U6d29uZGVybGFuZA==")));
        inputs.add(plain("two Authorization headers", t -> t.jwt() ? Expected.of(400, "bad-credential") : Expected.of(401, "not-recognised"),
                (t, h) -> get("/profile", h, "Authorization: Bearer a.b.c", "Authorization: Bearer d.e.f")));
        inputs.add(plain("an empty Bearer", t -> Expected.of(401, t.jwt() ? "bad-credential" : "not-recognised"),
                (t, h) -> get("/profile", h, "Authorization: Bearer ")));
        inputs.add(plain("a token cookie and a Bearer token that differ",
                t -> t.jwt() ? Expected.of(400, "bad-credential") : Expected.of(401, "not-recognised"),
                (t, h) -> get("/profile", h, "Cookie: token=a.b.c", "Authorization: Bearer d.e.f")));
        inputs.add(plain("two Host headers", 400, "bad-request", (t, h) -> get("/profile", h, "Host: a.invalid", "Host: b.invalid")));
        inputs.add(plain("a Host header naming another site", 401, "not-recognised",
                (t, h) -> get("/profile", h, "Host: evil.invalid")));
        return inputs;
    }

    static List<Hostile> bodies() {
        List<Hostile> inputs = new ArrayList<>();
        inputs.add(plain("bad JSON", 400, "bad-request", (t, h) -> post("/login", h, JSON, utf8("{not json"))));
        inputs.add(plain("truncated JSON", 400, "bad-request",
                (t, h) -> post("/login", h, JSON, utf8("{\"user\":\"alice\",\"password\":"))));
        inputs.add(plain("a JSON array instead of an object", 400, "bad-request", (t, h) -> post("/login", h, JSON, utf8("[1,2]"))));
        inputs.add(plain("JSON null", 400, "bad-request", (t, h) -> post("/login", h, JSON, utf8("null"))));
        inputs.add(plain("an empty JSON body", 400, "bad-request", (t, h) -> post("/login", h, JSON, new byte[0])));
        inputs.add(plain("a 20 kB body with Content-Length", 413, "too-large",
                (t, h) -> post("/login", h, JSON, utf8("{\"user\":\"" + "a".repeat(20_000) + "\"}"))));
        inputs.add(plain("a 20 kB chunked body", 413, "too-large", (t, h) -> chunked(h, "x".repeat(20_000))));
        inputs.add(plain("a 100 kB body, under the balancer's limit but over the node's", 413, "too-large",
                (t, h) -> post("/login", h, JSON, utf8("{\"user\":\"" + "a".repeat(100_000) + "\"}"))));
        inputs.add(plain("a 2 MB body, over the balancer's own limit", 413, "too-large",
                (t, h) -> post("/login", h, JSON, utf8("{\"user\":\"" + "a".repeat(2_000_000) + "\"}"))));
        inputs.add(plain("a text/plain body", 415, "unsupported-media-type",
                (t, h) -> post("/login", h, "text/plain", utf8("user=alice&password=wonderland"))));
        inputs.add(plain("a body with no Content-Type", 415, "unsupported-media-type",
                (t, h) -> post("/login", h, null, utf8(TestLab.ALICE_LOGIN))));
        inputs.add(plain("a multipart/form-data body", 415, "unsupported-media-type",
                (t, h) -> post("/login", h, "multipart/form-data; boundary=x", utf8("--x\r\n\r\nalice\r\n--x--"))));
        inputs.add(plain("JSON nested 4000 levels deep", 400, "bad-request",
                (t, h) -> post("/login", h, JSON, utf8("[".repeat(4000) + "]".repeat(4000)))));
        inputs.add(plain("a huge number (1e999999)", 400, "bad-request",
                (t, h) -> post("/login", h, JSON, utf8("{\"user\":1e999999,\"password\":\"x\"}"))));
        inputs.add(plain("a 5000-digit number", 400, "bad-request",
                (t, h) -> post("/login", h, JSON, utf8("{\"user\":\"alice\",\"password\":" + "9".repeat(5000) + "}"))));
        inputs.add(plain("duplicate keys: bob's name, then alice's, with alice's password", 400, "bad-request",
                (t, h) -> post("/login", h, JSON, utf8("{\"user\":\"bob\",\"user\":\"alice\",\"password\":\"wonderland\"}"))));
        inputs.add(plain("duplicate setting keys", 400, "bad-request",
                (t, h) -> post("/settings", h, JSON, utf8("{\"theme\":\"dark\",\"theme\":\"light\"}"))));
        inputs.add(plain("invalid UTF-8 in JSON", 400, "bad-request",
                (t, h) -> post("/login", h, JSON, new byte[] {'{', '"', 'u', '"', ':', '"', (byte) 0xC3, '(', '"', '}'})));
        inputs.add(plain("an operator object as user name", 400, "bad-request",
                (t, h) -> post("/login", h, JSON, utf8("{\"user\":{\"$ne\":null},\"password\":{\"$ne\":null}}"))));
        inputs.add(plain("SQL injection in the user name", t -> Expected.of(401, "bad-credential").orRateLimited(),
                (t, h) -> post("/login", h, JSON, utf8("{\"user\":\"alice' OR '1'='1\",\"password\":\"' OR ''='\"}"))));
        inputs.add(plain("an 8000-character password", t -> Expected.of(401, "bad-credential").orRateLimited(),
                (t, h) -> post("/login", h, JSON, utf8("{\"user\":\"alice\",\"password\":\"" + "w".repeat(8000) + "\"}"))));
        inputs.add(plain("nine settings at once", 400, "bad-request", (t, h) -> post("/settings", h, JSON, utf8("{"
                + IntStream.range(0, 9).mapToObj(i -> "\"k" + i + "\":\"v\"").collect(Collectors.joining(",")) + "}"))));
        inputs.add(plain("a setting name with a path", 400, "bad-request",
                (t, h) -> post("/settings", h, JSON, utf8("{\"../../etc/passwd\":\"x\"}"))));
        inputs.add(plain("a 65-character setting value", 400, "bad-request",
                (t, h) -> post("/settings", h, JSON, utf8("{\"theme\":\"" + "v".repeat(65) + "\"}"))));
        return inputs;
    }

    static List<Hostile> methodsAndPaths() {
        List<Hostile> inputs = new ArrayList<>();
        for (String method : new String[] {"PUT", "DELETE", "TRACE", "OPTIONS", "PATCH", "FOO"}) {
            inputs.add(plain(method + " /profile", 405, "method-not-allowed",
                    (t, h) -> send(method, "/profile", h, null, null, "Cookie: " + t.cookie() + "=" + ID_A)));
        }
        // Jetty's HTTP client upper-cases the method it forwards, so through a balancer "get" arrives as GET.
        inputs.add(plain("get /profile (a lower-case method)", t -> t.viaLb()
                        ? Expected.of(401, "not-recognised", "bad-credential") : Expected.of(405, "method-not-allowed"),
                (t, h) -> send("get", "/profile", h, null, null, "Cookie: " + t.cookie() + "=" + ID_A)));
        inputs.add(plain("an unknown path", 404, "not-found", (t, h) -> get("/admin", h)));
        inputs.add(plain("a 10 kB path", 414, "uri-too-long", (t, h) -> get("/" + "p".repeat(10_240), h)));
        inputs.add(plain("a 2 kB query string", 401, "not-recognised", (t, h) -> get("/profile?q=" + "q".repeat(2048), h)));
        inputs.add(plain("dot-dot path traversal", 400, "bad-request", (t, h) -> get("/../../etc/passwd", h)));
        inputs.add(plain("encoded dot-dot path traversal", 400, "bad-request", (t, h) -> get("/%2e%2e/%2e%2e/etc/passwd", h)));
        inputs.add(plain("an encoded NUL in the path", 400, "bad-request", (t, h) -> get("/profile%00.json", h)));
        inputs.add(plain("an absolute-form target naming another port than Host", 400, "bad-request",
                (t, h) -> get("http://127.0.0.1:9/profile", h)));
        return inputs;
    }

    private static byte[] chunked(java.net.URI host, String body) {
        String head = "POST /login HTTP/1.1\r\nHost: " + host.getHost() + ":" + host.getPort()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        StringBuilder chunks = new StringBuilder(head);
        for (int i = 0; i < body.length(); i += 1000) {
            String part = body.substring(i, Math.min(body.length(), i + 1000));
            chunks.append(Integer.toHexString(part.length())).append("\r\n").append(part).append("\r\n");
        }
        return chunks.append("0\r\n\r\n").toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
