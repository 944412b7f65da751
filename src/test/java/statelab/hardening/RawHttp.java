package statelab.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 over a bare {@link Socket}, for requests no well-behaved client would send: duplicate or
 * oversized headers, control bytes, conflicting framing. Reads exactly one answer (by Content-Length,
 * chunked, or until close), then whether the server closed the connection after it.
 */
final class RawHttp {
    /** Generous: a sign-in's deliberate hash on a shared two-core machine under load can take seconds. */
    private static final int TIMEOUT_MILLIS = 30_000;
    /** How long to wait, after an answer, for the server to close the connection. */
    private static final int CLOSE_WAIT_MILLIS = 2_000;

    /** One answer as it came off the wire. */
    record Answer(String statusLine, int status, List<String[]> headers, String body, boolean closedAfter) {

        Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        @Override
        public String toString() {
            return statusLine + " " + header("Content-Type").orElse("-") + " " + body;
        }
    }

    private RawHttp() {
    }

    /** Sends the bytes as they are to the URI's host and port and reads one answer. */
    static Answer exchange(URI target, byte[] request) {
        return exchange(target, request, 1).get(0);
    }

    /**
     * As {@link #exchange(URI, byte[])}, without then waiting up to {@value #CLOSE_WAIT_MILLIS} ms to see
     * whether the server closes the connection: for tests that judge only the answer. Its
     * {@link Answer#closedAfter()} is false, not judged.
     */
    static Answer answerOnly(URI target, byte[] request) {
        return exchange(target, request, 1, false).get(0);
    }

    /**
     * Sends the bytes as they are (one request, or several back to back on the one connection) and reads
     * {@code answers} answers in order; whether the server closed the connection is judged after the last.
     */
    static List<Answer> exchange(URI target, byte[] requests, int answers) {
        return exchange(target, requests, answers, true);
    }

    private static List<Answer> exchange(URI target, byte[] requests, int answers, boolean judgeClose) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(requests);
                out.flush();
            } catch (IOException e) {
                // The server may refuse and close before it has read everything (an oversized header): read its answer.
            }
            InputStream in = socket.getInputStream();
            List<Answer> read = new ArrayList<>();
            for (int i = 0; i < answers; i++) {
                read.add(readAnswer(in));
            }
            if (!judgeClose) {
                return read;
            }
            socket.setSoTimeout(CLOSE_WAIT_MILLIS);
            Answer last = read.remove(read.size() - 1);
            read.add(new Answer(last.statusLine(), last.status(), last.headers(), last.body(), closedAfter(in)));
            return read;
        } catch (IOException e) {
            throw new AssertionError("no readable HTTP answer from " + target + ": " + e, e);
        }
    }

    private static Answer readAnswer(InputStream in) throws IOException {
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
            }
        }
        String[] status = lines[0].split(" ", 3);
        Answer partial = new Answer(lines[0], Integer.parseInt(status[1]), headers, "", false);
        byte[] body = readBody(in, partial);
        return new Answer(lines[0], partial.status(), headers, new String(body, StandardCharsets.UTF_8), false);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before a complete status line and headers: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readBody(InputStream in, Answer head) throws IOException {
        Optional<String> length = head.header("Content-Length");
        boolean chunked = head.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false);
        if (head.status() == 204 || head.status() == 304) {
            return new byte[0];
        }
        if (length.isPresent()) {
            return in.readNBytes(Integer.parseInt(length.get()));
        }
        if (chunked) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = readLine(in);
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    readLine(in);
                    return body.toByteArray();
                }
                body.write(in.readNBytes(n));
                readLine(in);
            }
        }
        return in.readAllBytes();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Whether the server closed (or reset) the connection after its answer, within the timeout. */
    private static boolean closedAfter(InputStream in) {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** A request head with CRLF line ends; {@code host} fills the Host header unless the head names its own. */
    static byte[] request(String method, String target, URI host, List<String> headerLines, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean hasHost = headerLines.stream().anyMatch(h -> h.regionMatches(true, 0, "Host:", 0, 5));
        if (!hasHost && host != null) {
            head.append("Host: ").append(host.getHost()).append(':').append(host.getPort()).append("\r\n");
        }
        for (String line : headerLines) {
            head.append(line).append("\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[start.length + body.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }
}
