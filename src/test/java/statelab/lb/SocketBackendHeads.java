package statelab.lb;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Reading request heads off a test backend's socket, byte by byte (tests only; a head is small). */
final class SocketBackendHeads {
    private SocketBackendHeads() {
    }

    /** The head up to and including its blank line, or "" when the connection closed first. */
    static String read(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while (head.length() < 16384 && (b = in.read()) != -1) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
        }
        return "";
    }

    /** The head's Content-Length, 0 when it has none. */
    static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return 0;
    }
}
