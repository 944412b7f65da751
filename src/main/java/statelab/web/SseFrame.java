package statelab.web;

import java.util.regex.Pattern;

/**
 * The text framing of server-sent events (WHATWG HTML, "event stream"): an event is optional
 * {@code event:} and one {@code data:} line per line of its data, ended by a blank line; a line
 * starting with a colon is a comment that browsers ignore, which keeps idle connections open.
 */
final class SseFrame {
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private SseFrame() {
    }

    /** One event; data spanning several lines becomes several {@code data:} lines, which the browser joins with \n. */
    static String event(String name, String data) {
        requireSingleLine(name);
        StringBuilder frame = new StringBuilder("event: ").append(name).append('\n');
        for (String line : LINE_BREAK.split(data, -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString();
    }

    static String comment(String text) {
        requireSingleLine(text);
        return ": " + text + "\n\n";
    }

    /** How long a browser waits before reconnecting after the stream drops. */
    static String retry(long millis) {
        return "retry: " + millis + "\n\n";
    }

    private static void requireSingleLine(String text) {
        if (LINE_BREAK.matcher(text).find()) {
            throw new IllegalArgumentException("an event stream field cannot span lines: " + text);
        }
    }
}
