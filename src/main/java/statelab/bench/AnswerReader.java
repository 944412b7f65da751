package statelab.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads HTTP/1.1 answers from a connection's input: status line, headers, and a body framed by
 * {@code Content-Length}, chunked encoding, or the end of the connection. A 200's body is skipped
 * unread; other bodies are scanned for the problem {@code kind}. It has its own buffer, because a
 * byte-at-a-time read through a JDK stream would cost more than the servers being measured.
 */
final class AnswerReader {
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;

    AnswerReader(InputStream in) {
        this.in = in;
    }

    /** Reads one whole answer; throws EOFException when the connection closed before one began. */
    HttpAnswer read() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = statusLine.startsWith("HTTP/1.0");
        List<String> setCookies = List.of();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = header.substring(0, colon);
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
            } else if (name.equalsIgnoreCase("connection")) {
                close = value.equalsIgnoreCase("close");
            } else if (name.equalsIgnoreCase("set-cookie")) {
                setCookies = setCookies.isEmpty() ? new ArrayList<>() : setCookies;
                setCookies.add(value);
            }
        }
        boolean keep = status != 200;
        StringBuilder body = keep ? new StringBuilder() : null;
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                 size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                body(size, body);
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // Trailers carry nothing the load generator needs.
            }
        } else if (length >= 0) {
            body(length, body);
        } else if (status != 204 && status != 304 && status >= 200) {
            close = true;
            body(Long.MAX_VALUE, body);
        }
        return new HttpAnswer(status, setCookies, keep ? kindIn(body) : null, close);
    }

    private void body(long length, StringBuilder keep) throws IOException {
        long left = length;
        while (left > 0) {
            if (position == limit && !fill()) {
                if (length == Long.MAX_VALUE) {
                    return;
                }
                throw new EOFException("the connection closed inside a body");
            }
            int n = (int) Math.min(left, limit - position);
            if (keep != null && keep.length() < MAX_ERROR_BODY) {
                keep.append(new String(buffer, position, n, StandardCharsets.UTF_8));
            }
            position += n;
            left -= n;
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (position == limit && !fill()) {
                throw new EOFException("the connection closed");
            }
            byte b = buffer[position++];
            if (b == '\n') {
                int n = line.length();
                return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("a header line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) (b & 0xff));
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    /** The {@code kind} member of a problem body, found without a JSON parser; null when there is none. */
    static String kindIn(CharSequence body) {
        String text = body.toString();
        int at = text.indexOf("\"kind\"");
        if (at < 0) {
            return null;
        }
        int open = text.indexOf('"', text.indexOf(':', at) + 1);
        int close = open < 0 ? -1 : text.indexOf('"', open + 1);
        return close < 0 ? null : text.substring(open + 1, close);
    }
}
