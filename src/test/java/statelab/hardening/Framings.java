package statelab.hardening;

import static statelab.hardening.Hostile.framing;

import java.util.List;

/**
 * Request framings a server must not guess at (RFC 9112 sections 6 and 11, the request-smuggling
 * family): each is written byte for byte over a bare socket. A server that parses one of these
 * differently from the balancer in front of it lets a request hide inside another; Jetty refuses
 * them all with a 400 and closes the connection, at the balancer and at the node alike.
 */
final class Framings {
    private static final String LOGIN = "{\"user\":\"bob\",\"password\":\"builder\"}";
    private static final String SMUGGLED = "GET /profile HTTP/1.1\r\nHost: {host}\r\n\r\n";

    private Framings() {
    }

    static List<Hostile> refused() {
        return List.of(
                framing("Content-Length together with Transfer-Encoding: chunked",
                        "POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 4\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n" + hex(LOGIN) + "\r\n" + LOGIN + "\r\n0\r\n\r\n" + SMUGGLED),
                framing("two different Content-Lengths",
                        "POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: "
                                + LOGIN.length() + "\r\nContent-Length: 5\r\n\r\n" + LOGIN + SMUGGLED),
                framing("two equal Content-Lengths",
                        "POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: "
                                + LOGIN.length() + "\r\nContent-Length: " + LOGIN.length() + "\r\n\r\n" + LOGIN),
                framing("a Content-Length list",
                        "POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: "
                                + LOGIN.length() + ", 5\r\n\r\n" + LOGIN),
                framing("a negative Content-Length",
                        "POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: -1\r\n\r\n"),
                framing("a Content-Length with a plus sign",
                        "POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: +"
                                + LOGIN.length() + "\r\n\r\n" + LOGIN),
                framing("a Content-Length that is not a number",
                        "POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n"),
                framing("an invalid chunk size",
                        "POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + LOGIN + "\r\n0\r\n\r\n"),
                framing("a chunk size that overflows 64 bits",
                        "POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\n1ffffffffffffffff0\r\n" + LOGIN + "\r\n0\r\n\r\n"),
                framing("Transfer-Encoding whose last coding is not chunked",
                        "POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked, gzip\r\n\r\n" + hex(LOGIN) + "\r\n" + LOGIN + "\r\n0\r\n\r\n"),
                framing("Transfer-Encoding chunked declared twice",
                        "POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + hex(LOGIN) + "\r\n" + LOGIN + "\r\n0\r\n\r\n"),
                framing("an obs-fold (folded) header line",
                        "GET /profile HTTP/1.1\r\nHost: {host}\r\nX-Folded: first\r\n  second\r\n\r\n"),
                framing("an obs-fold Transfer-Encoding",
                        "POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: "
                                + LOGIN.length() + "\r\nTransfer-Encoding:\r\n chunked\r\n\r\n" + LOGIN),

                framing("whitespace between the header name and the colon",
                        "POST /login HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length : "
                                + LOGIN.length() + "\r\n\r\n" + LOGIN),


                framing("a NUL byte in the request line",
                        "GET /pro\u0000file HTTP/1.1\r\nHost: {host}\r\n\r\n"),
                framing("no Host header",
                        "GET /profile HTTP/1.1\r\nX-Test: 1\r\n\r\n"));
    }

    /**
     * Framings Jetty parses, at the balancer and at the node alike (so nothing can hide between them):
     * bare LF line ends (RFC 9112 section 2.2 allows a recipient to accept them) and a request line
     * with extra spaces; and an HTTP/0.9 request line, which Jetty answers 505 (RFC 9110 section
     * 15.6.6): the one 5xx of the suite, a protocol answer given before any handler runs, not a fault.
     */
    static List<Hostile> tolerated() {
        return List.of(
                Hostile.raw("bare LF line ends", "GET /profile HTTP/1.1\nHost: {host}\nX-Test: 1\nConnection: close\n\n",
                        t -> Hostile.Expected.of(401, "not-recognised")),
                Hostile.raw("a request line with extra spaces", "GET  /profile  HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
                        t -> Hostile.Expected.of(401, "not-recognised")),
                Hostile.raw("an HTTP/0.9 request line (no version)", "GET /profile\r\n\r\n",
                        t -> Hostile.Expected.of(505, "http-version-not-supported")));
    }

    private static String hex(String body) {
        return Integer.toHexString(body.length());
    }
}
